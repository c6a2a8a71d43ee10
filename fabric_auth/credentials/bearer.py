"""`Authorization: Bearer <access token>`: a JWT this service issued."""

from __future__ import annotations

from fabric_auth.credentials.tokens import AccessTokens
from fabric_auth.exceptions import InvalidToken
from fabric_auth.principal import AuthMethod, Principal


def bearer_token(authorization: bytes) -> str:
    """The token of an `Authorization: Bearer ...` value, or `InvalidToken`."""
    scheme, _, token = authorization.decode("latin-1").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise InvalidToken()
    return token


class BearerToken:
    """Access tokens in the `Authorization` header, remembered by the header's raw bytes."""

    method = AuthMethod.BEARER

    def __init__(self, tokens: AccessTokens) -> None:
        self._tokens = tokens

    def seen(self, authorization: bytes) -> Principal | None:
        """The caller of a header value seen before and still unexpired (only revocation is
        checked again); `None` when it must be verified."""
        verified = self._tokens.seen(authorization)
        return None if verified is None else self._tokens.admit(verified)

    def caller(self, authorization: bytes, token: str) -> Principal:
        """The caller of `token` (taken from `authorization`), or `InvalidToken`."""
        return self._tokens.admit(self._tokens.verify(token, authorization, self.method))
