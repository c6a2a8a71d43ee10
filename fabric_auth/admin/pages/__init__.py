"""The dashboard's sections, one module each, in menu order.

A section module has `NAV` (its `NavEntry`: label, path, the action that shows it) and
`add_routes(router)`. Its pages take `Depends(Allowed(Action.X))` (GET) or
`Depends(Acting(Action.X))` (POST: the form's CSRF field is checked first).
"""

from __future__ import annotations

from types import ModuleType

from fabric_auth.admin.access import NAVIGATION
from fabric_auth.admin.pages import (
    audit,
    overview,
    plans,
    roles,
    service_accounts,
    system,
    users,
)

SECTIONS: tuple[ModuleType, ...] = (
    overview,
    users,
    roles,
    service_accounts,
    plans,
    audit,
    system,
)

NAVIGATION.extend(section.NAV for section in SECTIONS)
