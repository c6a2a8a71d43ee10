"""The audit log in an app: fabric-auth's own events, the app's events, the audit router."""

from typing import Annotated

from fastapi import Depends, FastAPI, Request

from fabric_auth import AuthSettings, FabricAuth, Principal, current_principal, log_action
from fabric_auth.audit import Subject
from fabric_auth.routers import create_audit_router, create_auth_router
from fabric_auth.store.connection import transaction


def create_app(settings: AuthSettings | None = None) -> FastAPI:
    auth = FabricAuth(settings)
    app = FastAPI()
    auth.install(app)
    app.include_router(create_auth_router())
    app.include_router(create_audit_router())  # GET /audit/events, /audit/events/export

    @app.post("/projects/{project_id}/archive")
    async def archive(
        project_id: str,
        request: Request,
        who: Annotated[Principal, Depends(current_principal)],
    ) -> dict[str, str]:
        async with transaction():
            # ... archive the project in the same store ...
            await log_action(
                request,
                "project.archived",
                principal=who,
                target=Subject("project", project_id),
                details={"reason": "done"},
            )
        return {"status": "archived"}

    return app
