from typing import Annotated

import pytest
from fastapi import Depends, FastAPI

from fabric_auth import AuthSettings, FabricAuth, FrozenClock, Principal, current_principal
from fabric_auth.routers import create_auth_router
from fabric_auth.testing import serve, sign_in, test_settings

EMAIL, PASSWORD = "ada@example.com", "correct horse battery staple"


def create_app(auth: FabricAuth) -> FastAPI:  # in your project: import your app's factory
    app = FastAPI()
    auth.install(app)
    app.include_router(create_auth_router())

    @app.get("/hello")
    async def hello(who: Annotated[Principal, Depends(current_principal)]) -> dict[str, str]:
        return {"hello": str(who.id)}

    return app


@pytest.fixture
def settings() -> AuthSettings:
    # environment=test, a random secret, cheap argon2, a fresh in-memory SQLite store;
    # the admin account is seeded when the app starts.
    return test_settings(admin_email=EMAIL, admin_password=PASSWORD)


async def test_hello_greets_the_signed_in_user(settings: AuthSettings) -> None:
    """Anonymous callers get 401; a signed-in user is greeted by id."""
    async with serve(create_app(FabricAuth(settings))) as client:
        anonymous = await client.get("/hello")
        assert anonymous.status_code == 401
        assert anonymous.json()["code"] == "not_authenticated"

        tokens = await sign_in(client, EMAIL, PASSWORD)
        headers = {"Authorization": f"Bearer {tokens['access_token']}"}
        me = await client.get("/auth/me", headers=headers)
        hello = await client.get("/hello", headers=headers)
        assert hello.json() == {"hello": me.json()["id"]}


async def test_access_token_expires_and_refresh_renews_it(settings: AuthSettings) -> None:
    """Once access_token_ttl has passed the token is refused; a refresh gives a new one."""
    clock = FrozenClock()
    async with serve(create_app(FabricAuth(settings, clock=clock))) as client:
        tokens = await sign_in(client, EMAIL, PASSWORD)
        clock.advance(settings.access_token_ttl)

        expired = await client.get(
            "/hello", headers={"Authorization": f"Bearer {tokens['access_token']}"}
        )
        assert expired.status_code == 401
        assert expired.json()["code"] == "invalid_token"

        renewed = await client.post(
            "/auth/token",
            data={"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]},
        )
        hello = await client.get(
            "/hello", headers={"Authorization": f"Bearer {renewed.json()['access_token']}"}
        )
        assert hello.status_code == 200
