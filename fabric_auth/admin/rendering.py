"""Pages: Jinja2 templates shipped in the package, autoescaped, answered with the dashboard's
security headers (a strict Content-Security-Policy: no script at all, styles from our own
stylesheet only; no framing; no referrer; never cached)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}

_environment = Environment(
    loader=PackageLoader("fabric_auth.admin", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S UTC") if value is not None else "—"


_environment.filters["when"] = _when


def render(
    request: Request,
    template: str,
    context: Mapping[str, Any],
    *,
    prefix: str,
    status_code: int = 200,
) -> HTMLResponse:
    """The template rendered with `context` (and `request`, `home`, `static_url`), with the
    security headers."""
    home = f"{request.scope.get('root_path', '')}{prefix}"
    body = _environment.get_template(template).render(
        request=request, home=home, static_url=f"{home}/static/admin.css", **context
    )
    return HTMLResponse(body, status_code=status_code, headers=SECURITY_HEADERS)


def redirect(url: str) -> Response:
    """303 See Other to `url` (a path of the dashboard), with the security headers."""
    return RedirectResponse(url, status_code=303, headers=SECURITY_HEADERS)
