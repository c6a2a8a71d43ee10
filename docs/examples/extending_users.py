from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import Depends, FastAPI
from tortoise import Tortoise, fields
from tortoise.contrib.fastapi import RegisterTortoise
from tortoise.models import Model

from fabric_auth import AuthSettings, FabricAuth, Principal, current_principal
from fabric_auth.exceptions import FabricAuthError
from fabric_auth.routers import create_auth_router
from fabric_auth.runtime import handle_error
from fabric_auth.store.config import app_config

Caller = Annotated[Principal, Depends(current_principal)]


class Customer(Model):
    """What this app knows about a user, beyond what fabric-auth keeps."""

    user = fields.OneToOneField(
        "fabric_auth.User", related_name="customer", on_delete=fields.CASCADE, primary_key=True
    )
    company = fields.CharField(max_length=200, default="")

    class Meta:
        app = "shop"
        table = "shop_customers"


def tortoise_config(database_url: str) -> dict[str, Any]:
    return {
        "connections": {"default": database_url},
        "apps": {
            "fabric_auth": app_config("default"),  # fabric-auth's models, on our connection
            "shop": {"models": [__name__], "default_connection": "default"},
        },
        "use_tz": True,
        "timezone": "UTC",
    }


def create_app(settings: AuthSettings | None = None) -> FastAPI:
    auth = FabricAuth(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with (
            RegisterTortoise(app, config=tortoise_config(auth.settings.database_url)),
            auth.lifespan(app),  # joins the set-up above, migrates fabric-auth's tables
        ):
            await Tortoise.generate_schemas(safe=True)  # our tables; use aerich in production
            yield

    app = FastAPI(lifespan=lifespan)
    app.add_exception_handler(FabricAuthError, handle_error)  # what `auth.install` adds
    app.include_router(create_auth_router())

    @app.put("/customer")
    async def save_customer(who: Caller, company: str) -> dict[str, str]:
        customer, _ = await Customer.update_or_create({"company": company}, user_id=who.id)
        return {"user": str(customer.user_id), "company": customer.company}

    @app.get("/customer")
    async def read_customer(who: Caller) -> dict[str, str]:
        customer = await Customer.get(user_id=who.id).prefetch_related("user")
        return {"email": customer.user.email, "company": customer.company}

    return app
