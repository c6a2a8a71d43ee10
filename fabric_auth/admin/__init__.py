"""The admin dashboard: server-rendered pages over the same services, and every request decided
by the one authorization decision point (`services.authorization`). See docs/admin.md."""

from fabric_auth.admin.router import create_admin_router

__all__ = ["create_admin_router"]
