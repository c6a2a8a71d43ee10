"""fabric-auth: composable authentication and authorization for FastAPI.

The public API is what `__all__` lists; extension points are imported from their subpackages
(`fabric_auth.routers`, `fabric_auth.services`, `fabric_auth.testing`, ...).
"""

from fabric_auth.clock import Clock, FrozenClock
from fabric_auth.dependencies import current_principal, optional_principal, rate_limit
from fabric_auth.exceptions import ErrorCode, FabricAuthError
from fabric_auth.principal import AuthMethod, Principal, PrincipalKind
from fabric_auth.runtime import FabricAuth
from fabric_auth.settings import AuthSettings, load_settings

__all__ = [
    "AuthMethod",
    "AuthSettings",
    "Clock",
    "ErrorCode",
    "FabricAuth",
    "FabricAuthError",
    "FrozenClock",
    "Principal",
    "PrincipalKind",
    "current_principal",
    "load_settings",
    "optional_principal",
    "rate_limit",
]
