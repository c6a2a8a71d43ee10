"""API keys: `X-API-Key: <key>`, or `Authorization: Bearer <key>` (told from a JWT by the key's
prefix alone)."""

from __future__ import annotations

from collections.abc import Callable

from starlette.requests import Request

from fabric_auth.credentials.base import Caller
from fabric_auth.principal import AuthMethod
from fabric_auth.services.api_keys import ApiKeyService
from fabric_auth.tokens.api_keys import looks_like_key

__all__ = ["ApiKeyCredential", "looks_like_key"]


class ApiKeyCredential:
    """A key of a user or a service account (see `services.api_keys`: warm keys cost one
    dictionary look-up; a cold one, one store query)."""

    method = AuthMethod.API_KEY

    def __init__(self, keys: ApiKeyService, client_ip: Callable[[Request], str]) -> None:
        self._keys = keys
        self._client_ip = client_ip

    def caller(self, request: Request, key: str) -> Caller:
        """The key's principal, or an awaitable of it when this instance has not seen the key;
        `InvalidApiKey` for a key that does not work."""

        def address() -> str:  # only when the key's last use is due to be written
            return self._client_ip(request)

        return self._keys.known(key, address) or self._keys.authenticate(key, address)
