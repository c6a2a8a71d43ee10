"""FastAPI dependencies: who is calling.

`current_principal` is on every authenticated request's path, so it does no I/O: the token's
signature check is memoised per token string (see `tokens.access`) and revocation is a look-up
in the in-memory list that `services.revocation` keeps current.
"""

from __future__ import annotations

from fastapi import Request, Security
from fastapi.security import APIKeyCookie, HTTPBearer

from fabric_auth.cookies import SAFE_METHODS, CookieNames, csrf_matches
from fabric_auth.exceptions import CsrfFailed, InvalidToken, NotAuthenticated
from fabric_auth.principal import AuthMethod, Principal
from fabric_auth.runtime import FabricAuth

# Declared so OpenAPI shows both schemes; `resolve_principal` reads the headers itself.
bearer_scheme = HTTPBearer(scheme_name="BearerToken", auto_error=False, bearerFormat="JWT")
cookie_scheme = APIKeyCookie(
    name="__Host-fabric_access",
    scheme_name="AccessCookie",
    description="With cookie_transport; named fabric_access when cookie_secure is off, "
    "__Secure-fabric_access with cookie_domain. Unsafe methods need the CSRF header.",
    auto_error=False,
)


def resolve_principal(request: Request) -> Principal | None:
    """The caller of this request, `None` without credentials; raises for bad ones."""
    runtime = FabricAuth.of(request)
    services = runtime.services
    authorization = request.headers.get("authorization")
    if authorization is not None:
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise InvalidToken()
        method = AuthMethod.BEARER
    else:
        names = _cookie_names(runtime)
        cookie = request.cookies.get(names.access) if names else None
        if cookie is None:
            return None
        token, method = cookie, AuthMethod.COOKIE
    claims = services.tokens.verify(token.strip())
    if services.revocations.revoked.is_revoked(claims.session_id, claims.subject, claims.issued_at):
        raise InvalidToken()
    if method is AuthMethod.COOKIE and request.method not in SAFE_METHODS:
        header = request.headers.get(runtime.settings.csrf_header_name)
        if not csrf_matches(services.csrf_key, claims.session_id, header):
            raise CsrfFailed()
    return Principal(
        id=claims.subject,
        kind=claims.kind,
        auth_method=method,
        session_id=claims.session_id,
        expires_at=claims.expires_at,
    )


def _cookie_names(runtime: FabricAuth) -> CookieNames | None:
    if not runtime.settings.cookie_transport:
        return None
    return CookieNames.for_settings(runtime.settings)


async def current_principal(
    request: Request,
    _bearer: object = Security(bearer_scheme),
    _cookie: object = Security(cookie_scheme),
) -> Principal:
    """The authenticated caller; 401 when there is none or the credential is not valid."""
    principal = resolve_principal(request)
    if principal is None:
        raise NotAuthenticated()
    return principal


async def optional_principal(
    request: Request,
    _bearer: object = Security(bearer_scheme),
    _cookie: object = Security(cookie_scheme),
) -> Principal | None:
    """The caller if credentials were sent (they must then be valid), else `None`."""
    return resolve_principal(request)
