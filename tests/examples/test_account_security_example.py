"""docs/examples/account_security.py runs as documented."""

from __future__ import annotations

from docs.examples.account_security import TEMPLATES, create_app
from fabric_auth import FabricAuth
from fabric_auth.testing import Outbox, serve, test_settings
from tests.conftest import PASSWORD


async def test_reset_flow_and_rate_limited_route(store: str) -> None:
    """Forgot-password mails the app's own template; the reset works; /generate is limited."""
    outbox = Outbox()
    auth = FabricAuth(
        test_settings(database_url=store, public_base_url="https://app.example"),
        mailer=outbox,
        mail_templates=TEMPLATES,
    )
    app = create_app(auth)
    async with serve(app) as client:
        from fabric_auth.services.users import NewUser

        await auth.services.users.create(NewUser(email="ada@example.com", password=PASSWORD))
        await client.post("/auth/forgot-password", json={"email": "ada@example.com"})
        message = await outbox.wait_for(kind="password_reset")
        assert message.text.startswith("Hello,")
        new_password = "another fine passphrase"
        reset = await client.post(
            "/auth/reset-password",
            json={"token": outbox.token_of(message), "password": new_password},
        )
        assert reset.status_code == 204
        token = (
            await client.post(
                "/auth/token",
                data={
                    "grant_type": "password",
                    "username": "ada@example.com",
                    "password": new_password,
                },
            )
        ).json()["access_token"]
        headers = {"Authorization": f"Bearer {token}"}
        codes = [(await client.post("/generate", headers=headers)).status_code for _ in range(11)]
        assert codes == [200] * 10 + [429]
