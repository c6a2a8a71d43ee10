"""System: readiness (the same checks as `/health/ready`) and the signing key ring (public
facts only: kid, algorithm, dates), with key rotation. Both need `signing_keys:manage`
(`system.read`; rotating is `signing_keys.rotate`, which also needs a recent sign-in)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends
from starlette.responses import Response

from fabric_auth.admin.access import NOTICES, Acting, Allowed, NavEntry, Page
from fabric_auth.admin.rendering import redirect
from fabric_auth.exceptions import Conflict
from fabric_auth.http import client_info
from fabric_auth.services.authorization import Action
from fabric_auth.store.models import SigningKey

NAV = NavEntry("System", "/system", Action.SYSTEM_READ)
Viewing = Annotated[Page, Depends(Allowed(Action.SYSTEM_READ))]
Rotating = Annotated[Page, Depends(Acting(Action.SIGNING_KEYS_ROTATE))]

NOTICES["key_rotated"] = (
    "A new signing key was added. It starts signing once every instance has loaded it; the "
    "key it replaces keeps verifying the tokens it signed until they expire."
)


@dataclass(frozen=True, slots=True)
class KeyRow:
    """A signing key as the page shows it: never its private half."""

    kid: str
    algorithm: str
    created_at: datetime
    activates_at: datetime
    retired_at: datetime | None
    state: str
    """`upcoming`, `signing`, `verifying` (retired, its tokens still valid) or `retired`."""

    @classmethod
    def of(cls, key: SigningKey, now: datetime, verifies_for: float) -> KeyRow:
        if key.activates_at > now:
            state = "upcoming"
        elif key.retired_at is None or key.retired_at > now:
            state = "signing"
        elif (now - key.retired_at).total_seconds() <= verifies_for:
            state = "verifying"
        else:
            state = "retired"
        return cls(key.kid, key.algorithm, key.created_at, key.activates_at, key.retired_at, state)


def add_routes(router: APIRouter) -> None:
    @router.get("/system", name="admin:system")
    async def system(page: Viewing) -> Response:
        """Readiness checks now and the key ring."""
        services = page.runtime.services
        health = await services.health.run()
        keys = await services.signing_keys.list_keys(
            actor=page.visitor.principal, client=client_info(page.request)
        )
        now = services.clock.now()
        ttl = float(page.runtime.settings.access_token_ttl)
        return page.render(
            "system.html",
            health=health,
            keys=[KeyRow.of(key, now, ttl) for key in reversed(keys)],
            algorithm=page.runtime.settings.signing_algorithm,
            rotatable=services.signing_keys.asymmetric,
            can_rotate=page.can(Action.SIGNING_KEYS_ROTATE),
            delay=2 * page.runtime.settings.signing_key_sync_interval,
        )

    @router.get("/system/keys/rotate", name="admin:system_rotate_confirm")
    async def rotate_confirm(page: Viewing) -> Response:
        """Ask before rotating."""
        return page.render(
            "system_rotate.html",
            delay=2 * page.runtime.settings.signing_key_sync_interval,
            rotatable=page.runtime.services.signing_keys.asymmetric,
        )

    @router.post("/system/keys/rotate", name="admin:system_rotate")
    async def rotate(page: Rotating) -> Response:
        """Rotate the signing key (decided and audited by the service, the admin as actor)."""
        signing_keys = page.runtime.services.signing_keys
        if not signing_keys.asymmetric:
            raise Conflict(
                "Tokens are signed with HS256, whose key derives from FABRIC_AUTH_SECRET_KEY: "
                "there is no stored key to rotate"
            )
        await signing_keys.rotate(actor=page.visitor.principal, client=client_info(page.request))
        return redirect(page.url("/system?done=key_rotated"))
