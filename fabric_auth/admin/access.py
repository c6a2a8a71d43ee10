"""What a dashboard request may do: every page and every action names the `Action` it needs,
and the one decision point (`services.authorization`) decides, on every request, from the
visitor's permissions now. Navigation hides what the visitor may not do; the server refuses it
anyway."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse

from fabric_auth.admin.rendering import render
from fabric_auth.admin.session import CSRF_FIELD, Visitor, check_csrf, visitor
from fabric_auth.http import client_info
from fabric_auth.runtime import FabricAuth
from fabric_auth.services.authorization import RULES, Action, permission_denial

VISITOR_STATE = "fabric_admin_visitor"
PREFIX_SCOPE_KEY = "fabric_admin.prefix"
"""Where the dashboard is mounted, left in the ASGI scope by its route class."""


def prefix_of(request: Request) -> str:
    return str(request.scope[PREFIX_SCOPE_KEY])


@dataclass(frozen=True, slots=True)
class NavEntry:
    label: str
    path: str
    """Below the dashboard's prefix, e.g. `/users`."""
    action: Action
    """Shown only to visitors the decision point allows this."""


NAVIGATION: list[NavEntry] = []
"""The dashboard's sections, in order (`admin.pages` fills it)."""

NOTICES: dict[str, str] = {}
"""What `?done=<key>` says on the page an action redirects to: fixed texts only, so a link
cannot make the dashboard show words of its author's choosing. Sections add theirs."""


@dataclass(slots=True)
class Page:
    """One dashboard request, allowed: render with `page.render(...)`."""

    request: Request
    visitor: Visitor
    prefix: str
    fields: dict[str, str] = field(default_factory=dict)
    """The submitted form of an action (CSRF already checked); empty for a page."""

    @property
    def runtime(self) -> FabricAuth:
        return FabricAuth.of(self.request)

    def can(self, action: Action) -> bool:
        """Whether the decision point would allow `action` as far as the request tells (the
        permission, the credential); what depends on a target is decided when acting."""
        return permission_denial(self.visitor.principal, RULES[action], None) is None

    async def require(self, action: Action) -> None:
        """Refuse (audited, 403) unless the visitor may also do `action`: for a page that
        reveals more than its own action covers."""
        denial = permission_denial(self.visitor.principal, RULES[action], None)
        if denial is not None:
            await self.runtime.services.authorization.deny(
                self.visitor.principal, action, denial, client=client_info(self.request)
            )

    def url(self, path: str = "") -> str:
        return f"{self.request.scope.get('root_path', '')}{self.prefix}{path}"

    def render(self, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        return render(
            self.request,
            template,
            self.context(context),
            prefix=self.prefix,
            status_code=status_code,
        )

    def context(self, extra: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "page": self,
            "visitor": self.visitor.principal,
            "csrf_field": CSRF_FIELD,
            "csrf": self.visitor.csrf,
            "nav": [entry for entry in NAVIGATION if self.can(entry.action)],
            "notice": NOTICES.get(self.request.query_params.get("done", "")),
            **extra,
        }


class Allowed:
    """`Depends(Allowed(Action.X))`: the page for a visitor the decision point allows `X`;
    `NotAuthenticated` sends the browser to the sign-in form, a refusal is audited and
    answered 403."""

    def __init__(self, action: Action) -> None:
        self.action = action

    async def __call__(self, request: Request) -> Page:
        return await self._page(request, await visitor(request))

    async def _page(self, request: Request, seen: Visitor) -> Page:
        setattr(request.state, VISITOR_STATE, seen)
        denial = permission_denial(seen.principal, RULES[self.action], None)
        if denial is not None:
            authorization = FabricAuth.of(request).services.authorization
            await authorization.deny(
                seen.principal, self.action, denial, client=client_info(request)
            )
        return Page(request=request, visitor=seen, prefix=prefix_of(request))


class Acting(Allowed):
    """`Depends(Acting(Action.X))`: like `Allowed`, for a POST: the form's CSRF field is
    checked first, and its fields are on `page.fields`."""

    async def __call__(self, request: Request) -> Page:
        seen = await visitor(request)
        setattr(request.state, VISITOR_STATE, seen)  # a refreshed session survives a refusal
        fields = await check_csrf(request, seen)
        page = await self._page(request, seen)
        page.fields = fields
        return page
