"""An OAuth sign-in across two uvicorn processes: started on A, finished on B."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import httpx

from fabric_auth.testing import TestIdentity, TestIdentityProvider
from tests.scaleout.cluster import Cluster, bearer
from tests.scaleout.conftest import APP_ORIGIN

BINDING = "__Host-fabric_oauth"


async def test_a_sign_in_started_on_a_finishes_on_b(
    cluster: Cluster, identity_provider: TestIdentityProvider
) -> None:
    """The flow's state lives in the store: the provider's callback reaching B completes a
    sign-in A started, and the code it hands out is good on A."""
    identity_provider.identity = TestIdentity(subject="scale-1", email="scale@example.com")
    started = await cluster.a.http.get(
        "/auth/oauth/test/authorize", params={"redirect_to": f"{APP_ORIGIN}/done"}
    )
    assert started.status_code == 303, started.text
    binding = started.cookies.get(BINDING)  # Secure: the jar would not send it over http
    assert binding
    async with httpx.AsyncClient() as outside:
        at_provider = await outside.get(started.headers["location"])
    back = urlsplit(at_provider.headers["location"])
    finished = await cluster.b.http.get(
        f"{back.path}?{back.query}", headers={"Cookie": f"{BINDING}={binding}"}
    )
    assert finished.status_code == 303, finished.text
    destination = urlsplit(finished.headers["location"])
    assert f"{destination.scheme}://{destination.netloc}{destination.path}" == f"{APP_ORIGIN}/done"
    code = parse_qs(destination.query)["code"][0]
    tokens = await cluster.a.http.post(
        "/auth/token", data={"grant_type": "authorization_code", "code": code}
    )
    assert tokens.status_code == 200, tokens.text
    me = await cluster.b.http.get("/auth/me", headers=bearer(tokens.json()["access_token"]))
    assert me.json()["email"] == "scale@example.com"
