"""docs/examples/plans_app.py: quotas, a capability and an idempotent payment webhook."""

from __future__ import annotations

from fabric_auth.store.models import User
from fabric_auth.testing import serve, sign_in, test_settings
from tests.examples.loader import load

ADA = "ada@example.com"
PASSWORD = "a long password here"


async def test_free_plan_quota_then_pro_through_the_webhook(store: str) -> None:
    """Free allows 3 generations a day and no SSO; a payment event (sent twice) moves ada to
    pro once, which opens SSO and raises the quota."""
    module = load("docs/examples/plans_app.py")
    settings = test_settings(database_url=store, admin_email=ADA, admin_password=PASSWORD)
    async with serve(module.create_app(settings)) as client:
        tokens = await sign_in(client, ADA, PASSWORD)
        ada = {"Authorization": f"Bearer {tokens['access_token']}"}

        bad = await client.post("/images", content=b"not json", headers=ada)
        assert bad.status_code == 422
        images = await client.post("/images", json={"count": 2}, headers=ada)
        assert images.json() == {"images": 2, "remaining": 1}
        assert (await client.post("/generate", headers=ada)).status_code == 200
        refused = await client.post("/generate", headers=ada)
        assert refused.status_code == 429 and refused.json()["code"] == "quota_exceeded"
        assert (await client.get("/sso/settings", headers=ada)).status_code == 403

        user = await User.get(email_normalized=ADA)
        event = {"id": "evt_1", "type": "subscription.started", "user_id": str(user.id)}
        first = await client.post("/webhooks/payments", json=event)
        again = await client.post("/webhooks/payments", json=event)
        assert (first.json(), again.json()) == ({"processed": True}, {"processed": False})

        assert (await client.get("/sso/settings", headers=ada)).status_code == 200
        usage = (await client.get("/users/me/usage", headers=ada)).json()
        assert usage["plan"] == "pro"
        generations = next(f for f in usage["features"] if f["feature"] == "ai_generations")
        assert generations["limit"] == 1000
        assert generations["remaining"] == 1000 - generations["used"]
        plans = (await client.get("/plans")).json()["items"]
        assert [plan["code"] for plan in plans] == ["free", "pro"]
