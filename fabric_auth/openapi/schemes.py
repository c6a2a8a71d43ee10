"""The credential schemes `current_principal` / `require` accept, all shown in OpenAPI.

Our dependencies are each one `SecurityBase` — the `BearerToken` scheme — so FastAPI runs one
callable per request whatever the credential. The other ways in (an API key in `X-API-Key`, the
access cookie) are added to the generated document afterwards, as alternatives on every
operation that accepts a bearer token: they cost nothing per request.
"""

from __future__ import annotations

from typing import Any

from fabric_auth.cookies import CookieNames
from fabric_auth.settings import AuthSettings

BEARER_SCHEME = "BearerToken"
"""Any credential: `current_principal`, `require(...)`."""
USER_TOKEN_SCHEME = "UserToken"
"""A user's access token: `user_principal`."""
API_KEY_SCHEME = "ApiKey"
COOKIE_SCHEME = "AccessCookie"


def alternative_schemes(settings: AuthSettings) -> dict[str, dict[str, Any]]:
    """The schemes accepted wherever `BearerToken` is, by name."""
    schemes: dict[str, dict[str, Any]] = {
        API_KEY_SCHEME: {
            "type": "apiKey",
            "in": "header",
            "name": "X-API-Key",
            "description": "An API key (fa_... or fas_...); also accepted as a bearer token.",
        }
    }
    if settings.cookie_transport:
        schemes[COOKIE_SCHEME] = {
            "type": "apiKey",
            "in": "cookie",
            "name": CookieNames.for_settings(settings).access,
            "description": "The access-token cookie; unsafe methods also need the "
            f"{settings.csrf_header_name} header.",
        }
    return schemes


def add_alternative_schemes(schema: dict[str, Any], settings: AuthSettings) -> None:
    """Declare the alternatives in `schema` (in place) and offer them on every operation whose
    security requirements include `BearerToken` (every alternative) or `UserToken` (the
    cookie)."""
    components = schema.setdefault("components", {}).setdefault("securitySchemes", {})
    alternatives = alternative_schemes(settings)
    offered = {
        BEARER_SCHEME: list(alternatives),
        USER_TOKEN_SCHEME: [name for name in alternatives if name == COOKIE_SCHEME],
    }
    if not any(scheme in components for scheme in offered):
        return
    components.update(alternatives)
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            security = operation.get("security") if isinstance(operation, dict) else None
            if not security:
                continue
            for requirement in list(security):
                for scheme, names in offered.items():
                    if scheme in requirement:
                        for name in names:
                            if {name: requirement[scheme]} not in security:
                                security.append({name: requirement[scheme]})
