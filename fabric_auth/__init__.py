"""fabric-auth: composable authentication and authorization for FastAPI.

The public API is what `__all__` lists; extension points are imported from their subpackages
(`fabric_auth.routers`, `fabric_auth.services`, `fabric_auth.testing`, ...).

Names are imported on first use, so `fabric_auth.verify` (which needs only PyJWT) can be
imported in a service that has neither FastAPI nor Tortoise installed.
"""

import importlib as _importlib
import typing as _typing

if _typing.TYPE_CHECKING:
    from fabric_auth.audit import log_action
    from fabric_auth.clock import Clock, FrozenClock
    from fabric_auth.dependencies import (
        api_key_principal,
        current_principal,
        optional_principal,
        rate_limit,
        require,
        require_any,
        service_account,
        service_account_principal,
        user_principal,
    )
    from fabric_auth.entitlements import quota, require_feature
    from fabric_auth.exceptions import ErrorCode, FabricAuthError
    from fabric_auth.periods import Period
    from fabric_auth.permissions import PermissionSet, register_permissions
    from fabric_auth.principal import AuthMethod, Principal, PrincipalKind
    from fabric_auth.runtime import FabricAuth
    from fabric_auth.services.plans import (
        Consumption,
        FeatureLimit,
        FeatureSpec,
        PlanCatalogue,
        PlanSpec,
        Subscriber,
    )
    from fabric_auth.settings import AuthSettings, load_settings

_MODULE_OF = {
    "AuthMethod": "fabric_auth.principal",
    "AuthSettings": "fabric_auth.settings",
    "Clock": "fabric_auth.clock",
    "ErrorCode": "fabric_auth.exceptions",
    "FabricAuth": "fabric_auth.runtime",
    "FabricAuthError": "fabric_auth.exceptions",
    "FrozenClock": "fabric_auth.clock",
    "Principal": "fabric_auth.principal",
    "PrincipalKind": "fabric_auth.principal",
    "current_principal": "fabric_auth.dependencies",
    "load_settings": "fabric_auth.settings",
    "log_action": "fabric_auth.audit",
    "optional_principal": "fabric_auth.dependencies",
    "rate_limit": "fabric_auth.dependencies",
    "require": "fabric_auth.dependencies",
    "require_any": "fabric_auth.dependencies",
    "api_key_principal": "fabric_auth.dependencies",
    "service_account": "fabric_auth.dependencies",
    "service_account_principal": "fabric_auth.dependencies",
    "user_principal": "fabric_auth.dependencies",
    "PermissionSet": "fabric_auth.permissions",
    "register_permissions": "fabric_auth.permissions",
    "quota": "fabric_auth.entitlements",
    "require_feature": "fabric_auth.entitlements",
    "Period": "fabric_auth.periods",
    "Consumption": "fabric_auth.services.plans",
    "FeatureLimit": "fabric_auth.services.plans",
    "FeatureSpec": "fabric_auth.services.plans",
    "PlanCatalogue": "fabric_auth.services.plans",
    "PlanSpec": "fabric_auth.services.plans",
    "Subscriber": "fabric_auth.services.plans",
}

__all__ = [
    "AuthMethod",
    "AuthSettings",
    "Clock",
    "Consumption",
    "ErrorCode",
    "FabricAuth",
    "FabricAuthError",
    "FeatureLimit",
    "FeatureSpec",
    "FrozenClock",
    "Period",
    "PermissionSet",
    "PlanCatalogue",
    "PlanSpec",
    "Principal",
    "PrincipalKind",
    "Subscriber",
    "api_key_principal",
    "current_principal",
    "load_settings",
    "log_action",
    "optional_principal",
    "quota",
    "rate_limit",
    "register_permissions",
    "require",
    "require_any",
    "require_feature",
    "service_account",
    "service_account_principal",
    "user_principal",
]


def __getattr__(name: str) -> _typing.Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'fabric_auth' has no attribute {name!r}")
    value = getattr(_importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
