"""Overview: how many accounts, locked accounts, sign-ins and failures over the last two
weeks, recent security events. Each part is shown only to a visitor allowed its action: the
accounts need `users.list`, what comes from the audit log `audit.read`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from starlette.responses import Response

from fabric_auth.admin.access import Allowed, NavEntry, Page
from fabric_auth.services.audit import AuditAction, DayCount
from fabric_auth.services.authorization import Action

NAV = NavEntry("Overview", "/overview", Action.USERS_LIST)
Viewing = Annotated[Page, Depends(Allowed(Action.USERS_LIST))]

CHART_DAYS = 14


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar of the chart, in the SVG's user units."""

    x: float
    y: float
    width: float
    height: float
    value: int


@dataclass(frozen=True, slots=True)
class Chart:
    """Sign-ins (successes and failures) per day, laid out as bars: drawn by the template as
    SVG presentation attributes only (CSP `style-src` governs no attribute of them)."""

    days: list[DayCount]
    successes: list[Bar]
    failures: list[Bar]
    peak: int
    width: int = 560
    height: int = 200
    baseline: float = 180.0
    """Where bars stand; the space below holds the day labels."""

    @classmethod
    def of(cls, days: list[DayCount], width: int = 560, height: int = 200) -> Chart:
        peak = max([1, *(max(day.success, day.failure) for day in days)])
        baseline, top = height - 20.0, 24.0  # the legend above the bars
        slot = width / max(len(days), 1)
        bar = slot * 0.38

        def bar_of(index: int, value: int, offset: float) -> Bar:
            size = (baseline - top) * value / peak
            x = round(index * slot + slot * 0.1 + offset, 1)
            return Bar(x, round(baseline - size, 1), round(bar, 1), round(size, 1), value)

        return cls(
            days=days,
            successes=[bar_of(i, day.success, 0) for i, day in enumerate(days)],
            failures=[bar_of(i, day.failure, bar) for i, day in enumerate(days)],
            peak=peak,
            width=width,
            height=height,
            baseline=baseline,
        )

    def label_x(self, index: int) -> float:
        return round((index + 0.5) * self.width / max(len(self.days), 1), 1)


def add_routes(router: APIRouter) -> None:
    @router.get("/overview", name="admin:overview")
    async def overview(page: Viewing) -> Response:
        """Counts of accounts and the locked ones; with `audit.read`, the sign-in chart and
        the newest security events."""
        services = page.runtime.services
        counts = await services.user_admin.counts()
        context: dict[str, Any] = {
            "total": counts.total,
            "active": counts.active,
            "verified": counts.verified,
            "locked": await services.lockout.count_locked_accounts(),
            "locked_accounts": await services.lockout.locked_accounts(),
            "audit": page.can(Action.AUDIT_READ),
        }
        if context["audit"]:
            days = await services.audit.daily_outcomes(AuditAction.SIGN_IN, days=CHART_DAYS)
            context["chart"] = Chart.of(days)
            context["events"] = await services.audit.recent_security_events(10)
        return page.render("overview.html", **context)
