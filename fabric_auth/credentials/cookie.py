"""The access-token cookie (`cookie_transport`), with its CSRF double-submit check for unsafe
methods."""

from __future__ import annotations

from starlette.requests import Request

from fabric_auth.cookies import SAFE_METHODS, CookieNames, csrf_matches
from fabric_auth.credentials.tokens import AccessTokens
from fabric_auth.exceptions import CsrfFailed
from fabric_auth.principal import AuthMethod, Principal


class AccessCookie:
    method = AuthMethod.COOKIE

    def __init__(
        self,
        tokens: AccessTokens,
        names: CookieNames | None,
        csrf_key: bytes,
        csrf_header: str,
    ) -> None:
        self._tokens = tokens
        self._names = names
        """`None` without cookie transport: the cookie is never read."""
        self.csrf_key = csrf_key
        self._csrf_header = csrf_header

    def caller(self, request: Request) -> Principal | None:
        """The cookie's caller, `None` without the cookie; `InvalidToken` for a bad token,
        `CsrfFailed` for an unsafe method without the matching CSRF header."""
        cookie = request.cookies.get(self._names.access) if self._names else None
        if cookie is None:
            return None
        token = cookie.strip()
        principal = self._tokens.admit(
            self._tokens.verify(token, (token, self.method), self.method)
        )
        if request.method not in SAFE_METHODS:
            assert principal.session_id is not None
            header = request.headers.get(self._csrf_header)
            if not csrf_matches(self.csrf_key, principal.session_id, header):
                raise CsrfFailed()
        return principal
