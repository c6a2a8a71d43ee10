"""Service accounts and their API keys: listing, creating, deactivating and reactivating
accounts; issuing, rotating and revoking keys. `services.service_accounts` and
`services.api_keys` put every change to the decision point (nobody touches an account holding
more than they do, nor grants a scope they lack). A new key is shown once, on the page answering
the POST that made it: never in a URL, never kept."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends
from starlette.responses import Response

from fabric_auth.admin.access import NOTICES, Acting, Allowed, NavEntry, Page
from fabric_auth.admin.pages.roles import listed
from fabric_auth.admin.rendering import redirect
from fabric_auth.exceptions import InvalidInput
from fabric_auth.http import client_info
from fabric_auth.services.api_keys import IssuedKey, Owner
from fabric_auth.services.authorization import Action
from fabric_auth.store.models import ApiKey, ServiceAccount

NAV = NavEntry("Service accounts", "/service-accounts", Action.SERVICE_ACCOUNTS_READ)
Viewing = Annotated[Page, Depends(Allowed(Action.SERVICE_ACCOUNTS_READ))]
Creating = Annotated[Page, Depends(Acting(Action.SERVICE_ACCOUNTS_CREATE))]
Changing = Annotated[Page, Depends(Acting(Action.SERVICE_ACCOUNTS_CHANGE))]
AskingToChange = Annotated[Page, Depends(Allowed(Action.SERVICE_ACCOUNTS_CHANGE))]
Issuing = Annotated[Page, Depends(Acting(Action.API_KEYS_CREATE))]
AskingToIssue = Annotated[Page, Depends(Allowed(Action.API_KEYS_CREATE))]
Revoking = Annotated[Page, Depends(Acting(Action.API_KEYS_REVOKE))]
AskingToRevoke = Annotated[Page, Depends(Allowed(Action.API_KEYS_REVOKE))]

NOTICES.update(
    {
        "account_created": "Service account created.",
        "account_deactivated": "Service account deactivated; its keys are revoked.",
        "account_reactivated": "Service account reactivated (revoked keys stay revoked).",
        "account_roles_set": "Roles saved.",
        "key_revoked": "API key revoked.",
    }
)


def _whole_number(text: str, what: str) -> int | None:
    """A form's optional whole number: `None` when left empty."""
    text = text.strip()
    if not text:
        return None
    if not text.isdigit() or len(text) > 9:
        raise InvalidInput(f"{what} must be a whole number")
    return int(text)


def _account_url(page: Page, account: ServiceAccount, done: str) -> str:
    return page.url(f"/service-accounts/{account.id}?done={done}")


def add_routes(router: APIRouter) -> None:
    @router.get("/service-accounts", name="admin:service_accounts_list")
    async def accounts(page: Viewing, after: str | None = None) -> Response:
        """Service accounts by slug, inactive ones included; the creation form for those who
        may."""
        shown = await page.runtime.services.service_accounts.list_accounts(cursor=after)
        return page.render(
            "service_accounts_list.html",
            accounts=shown.items,
            next_cursor=shown.next_cursor,
            can_create=page.can(Action.SERVICE_ACCOUNTS_CREATE),
        )

    @router.post("/service-accounts", name="admin:service_accounts_create")
    async def create(page: Creating) -> Response:
        """Create a service account, with roles whose grants the administrator holds."""
        fields = page.fields
        team = fields.get("owner_team", "").strip()
        account = await page.runtime.services.service_accounts.create(
            page.visitor.principal,
            slug=fields.get("slug", "").strip(),
            name=fields.get("name", "").strip(),
            description=fields.get("description", "").strip(),
            owner_team=team or None,
            roles=listed(fields.get("roles", "")),
            client=client_info(page.request),
        )
        return redirect(_account_url(page, account, "account_created"))

    @router.get("/service-accounts/{account_id}", name="admin:service_accounts_detail")
    async def detail(page: Viewing, account_id: UUID, keys_after: str | None = None) -> Response:
        """An account: its roles, its keys (newest first, a page at a time) and its actions."""
        services = page.runtime.services
        account = await services.service_accounts.get(account_id)
        keys = await services.api_keys.list_keys(
            Owner.service_account(account.id), cursor=keys_after
        )
        return page.render(
            "service_accounts_detail.html",
            account=account,
            roles=await services.service_accounts.roles_of(account.id),
            keys=keys.items,
            next_cursor=keys.next_cursor,
            keys_after=keys_after,
            now=services.clock.now(),
            can_change=page.can(Action.SERVICE_ACCOUNTS_CHANGE),
            can_issue=page.can(Action.API_KEYS_CREATE),
            can_revoke=page.can(Action.API_KEYS_REVOKE),
        )

    @router.get(
        "/service-accounts/{account_id}/deactivate", name="admin:service_accounts_deactivate_form"
    )
    async def deactivate_form(page: AskingToChange, account_id: UUID) -> Response:
        """Ask before deactivating an account (every key of it is revoked)."""
        account = await page.runtime.services.service_accounts.get(account_id)
        return page.render("service_accounts_deactivate.html", account=account)

    @router.post(
        "/service-accounts/{account_id}/deactivate", name="admin:service_accounts_deactivate"
    )
    async def deactivate(page: Changing, account_id: UUID) -> Response:
        """Deactivate the account and revoke its keys, on every instance."""
        account = await page.runtime.services.service_accounts.deactivate(
            page.visitor.principal, account_id, client_info(page.request)
        )
        return redirect(_account_url(page, account, "account_deactivated"))

    @router.post(
        "/service-accounts/{account_id}/reactivate", name="admin:service_accounts_reactivate"
    )
    async def reactivate(page: Changing, account_id: UUID) -> Response:
        """Allow the account again; keys revoked by the deactivation stay revoked."""
        account = await page.runtime.services.service_accounts.reactivate(
            page.visitor.principal, account_id, client_info(page.request)
        )
        return redirect(_account_url(page, account, "account_reactivated"))

    @router.post("/service-accounts/{account_id}/roles", name="admin:service_accounts_set_roles")
    async def set_roles(page: Changing, account_id: UUID) -> Response:
        """Replace the account's roles: the administrator must hold every grant given or
        taken away."""
        services = page.runtime.services
        account = await services.service_accounts.get(account_id)
        await services.service_accounts.set_roles(
            page.visitor.principal,
            account.id,
            listed(page.fields.get("roles", "")),
            client_info(page.request),
        )
        return redirect(_account_url(page, account, "account_roles_set"))

    @router.post("/service-accounts/{account_id}/keys", name="admin:service_accounts_issue_key")
    async def issue_key(page: Issuing, account_id: UUID) -> Response:
        """Issue a key with scopes the administrator holds; the page shows it once."""
        services = page.runtime.services
        account = await services.service_accounts.get(account_id)
        issued = await services.api_keys.create(
            page.visitor.principal,
            Owner.service_account(account.id),
            name=page.fields.get("name", ""),
            scopes=listed(page.fields.get("scopes", "")),
            expires_in_days=_whole_number(page.fields.get("expires_in_days", ""), "Expiry"),
            client=client_info(page.request),
        )
        return _shown_once(page, account, issued, "issued")

    @router.get(
        "/service-accounts/{account_id}/keys/{key_id}/rotate",
        name="admin:service_accounts_rotate_key_form",
    )
    async def rotate_form(page: AskingToIssue, account_id: UUID, key_id: UUID) -> Response:
        """Ask before rotating a key, and for how long the old one keeps working."""
        account, key = await _account_and_key(page, account_id, key_id)
        return page.render(
            "service_accounts_key_action.html", account=account, key=key, verb="rotate"
        )

    @router.post(
        "/service-accounts/{account_id}/keys/{key_id}/rotate",
        name="admin:service_accounts_rotate_key",
    )
    async def rotate(page: Issuing, account_id: UUID, key_id: UUID) -> Response:
        """Replace a key by a new one (same name, scopes, lifetime); the page shows it once."""
        services = page.runtime.services
        account = await services.service_accounts.get(account_id)
        overlap = _whole_number(page.fields.get("overlap_seconds", ""), "The overlap") or 0
        issued = await services.api_keys.rotate(
            page.visitor.principal,
            Owner.service_account(account.id),
            key_id,
            overlap_seconds=overlap,
            client=client_info(page.request),
        )
        return _shown_once(page, account, issued, "rotated")

    @router.get(
        "/service-accounts/{account_id}/keys/{key_id}/revoke",
        name="admin:service_accounts_revoke_key_form",
    )
    async def revoke_form(page: AskingToRevoke, account_id: UUID, key_id: UUID) -> Response:
        """Ask before revoking a key."""
        account, key = await _account_and_key(page, account_id, key_id)
        return page.render(
            "service_accounts_key_action.html", account=account, key=key, verb="revoke"
        )

    @router.post(
        "/service-accounts/{account_id}/keys/{key_id}/revoke",
        name="admin:service_accounts_revoke_key",
    )
    async def revoke(page: Revoking, account_id: UUID, key_id: UUID) -> Response:
        """Revoke a key (and the keys minted with it), on every instance."""
        services = page.runtime.services
        account = await services.service_accounts.get(account_id)
        await services.api_keys.revoke(
            page.visitor.principal,
            Owner.service_account(account.id),
            key_id,
            client_info(page.request),
        )
        return redirect(_account_url(page, account, "key_revoked"))


async def _account_and_key(
    page: Page, account_id: UUID, key_id: UUID
) -> tuple[ServiceAccount, ApiKey]:
    services = page.runtime.services
    account = await services.service_accounts.get(account_id)
    key = await services.api_keys.get(Owner.service_account(account.id), key_id)
    return account, key


def _shown_once(page: Page, account: ServiceAccount, issued: IssuedKey, verb: str) -> Response:
    """The answer to the POST that made a key: the only time its raw value is shown (the
    page is never cached: the rendering sets `Cache-Control: no-store`)."""
    return page.render(
        "service_accounts_key_shown.html",
        account=account,
        key=issued.key,
        raw=issued.raw,
        verb=verb,
    )
