"""Router factories: mount only what the app needs."""

from fabric_auth.routers.account import create_account_router
from fabric_auth.routers.account_admin import create_account_admin_router
from fabric_auth.routers.api_keys import create_api_keys_router
from fabric_auth.routers.audit import create_audit_router
from fabric_auth.routers.auth import create_auth_router
from fabric_auth.routers.events import create_events_router
from fabric_auth.routers.health import create_health_router
from fabric_auth.routers.metrics import create_metrics_router
from fabric_auth.routers.oauth import create_oauth_router
from fabric_auth.routers.plans import create_plans_router
from fabric_auth.routers.roles import create_roles_router
from fabric_auth.routers.service_accounts import create_service_accounts_router
from fabric_auth.routers.users import create_users_router
from fabric_auth.routers.well_known import create_well_known_router

__all__ = [
    "create_account_admin_router",
    "create_account_router",
    "create_api_keys_router",
    "create_audit_router",
    "create_auth_router",
    "create_events_router",
    "create_health_router",
    "create_metrics_router",
    "create_oauth_router",
    "create_plans_router",
    "create_roles_router",
    "create_service_accounts_router",
    "create_users_router",
    "create_well_known_router",
]
