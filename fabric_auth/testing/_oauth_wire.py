"""The stateless half of the test identity provider (`identity_provider.py`): what RFC 6749 and
RFC 7636 ask of a request, OAuth error answers in both dialects, Basic client credentials, HS256
by hand, redirects, and its pages under a strict content security policy."""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
import json
import re
from collections.abc import Mapping
from typing import Any, Literal
from urllib.parse import parse_qsl, unquote_plus, urlencode, urlsplit, urlunsplit

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

Dialect = Literal["oidc", "github"]

PKCE_CHALLENGE = re.compile(r"[A-Za-z0-9_-]{43}")
PKCE_VERIFIER = re.compile(r"[A-Za-z0-9._~-]{43,128}")
_ORIGIN = re.compile(r"https?://[A-Za-z0-9.:\[\]-]+")
_GITHUB_ERRORS = {
    "invalid_client": "incorrect_client_credentials",
    "invalid_grant": "bad_verification_code",
    "invalid_request": "bad_verification_code",
    "unsupported_grant_type": "unsupported_grant_type",
}
DISCOVERY = {
    "response_types_supported": ["code"],
    "response_modes_supported": ["query"],
    "subject_types_supported": ["public"],
    "id_token_signing_alg_values_supported": ["RS256"],
    "code_challenge_methods_supported": ["S256"],
    "scopes_supported": ["openid", "email", "profile"],
    "claims_supported": ["sub", "email", "email_verified", "name", "nonce"],
    "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
    "grant_types_supported": ["authorization_code"],
    "authorization_response_iss_parameter_supported": True,
}
_FORM_FIELDS = frozenset({"email", "name", "email_verified"})
_PAGE_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test identity provider</title>
<style>body{{font-family:sans-serif;max-width:30rem;margin:3rem auto}}
label{{display:block;margin:.7rem 0}}</style></head>
<body><h1>Test identity provider</h1>{body}</body></html>
"""
_FORM = """<p>For development only: any email signs in; nothing is checked.
Signing in to <strong>{client}</strong>.</p>
<form method="post" action="{action}">{hidden}
<label>Email <input type="email" name="email" value="{email}" required></label>
<label>Name <input type="text" name="name" value="{name}"></label>
<label><input type="checkbox" name="email_verified" value="true" checked> Email verified</label>
<button type="submit">Sign in</button></form>
"""


class Refused(Exception):
    """An OAuth error answer: the RFC 6749 `error`, its description, the HTTP status, and the
    code GitHub would give instead."""

    def __init__(self, error: str, description: str, status: int = 400, github: str = "") -> None:
        super().__init__(description)
        self.error, self.description, self.status = error, description, status
        self.github = github or _GITHUB_ERRORS.get(error, error)


async def single_params(request: Request) -> dict[str, str] | None:
    """The query (GET) or form (POST) parameters; None when one is repeated or is a file."""
    if request.method == "GET":
        items: list[tuple[str, Any]] = request.query_params.multi_items()
    else:
        items = (await request.form()).multi_items()
    params = {name: value for name, value in items if isinstance(value, str)}
    return params if len(params) == len(items) else None


def authorize_error(params: Mapping[str, str], dialect: Dialect) -> tuple[str, str] | None:
    """The error and description to redirect back with (RFC 6749 4.1.2.1, RFC 7636 4.4.1), or
    None. OpenID Connect needs PKCE; GitHub checks it only when a challenge is given."""
    if dialect == "oidc":
        if "response_type" not in params:
            return "invalid_request", "response_type is required"
        if params["response_type"] != "code":
            return "unsupported_response_type", "only response_type=code is supported"
        if "openid" not in params.get("scope", "").split():
            return "invalid_scope", "the scope must include openid"
        if "code_challenge" not in params:
            return "invalid_request", "PKCE is required: code_challenge is missing"
    if "code_challenge" in params:
        if params.get("code_challenge_method") != "S256":
            return "invalid_request", "code_challenge_method must be S256"
        if not PKCE_CHALLENGE.fullmatch(params["code_challenge"]):
            return "invalid_request", "code_challenge is not a base64url SHA-256"
    return None


def check_verifier(verifier: str | None, challenge: str) -> None:
    """Refuse a code verifier that is missing, malformed or not the challenge's (RFC 7636 4.6)."""
    if verifier is None or not PKCE_VERIFIER.fullmatch(verifier):
        raise Refused("invalid_grant", "code_verifier is missing or malformed")
    if not hmac.compare_digest(b64url(hashlib.sha256(verifier.encode()).digest()), challenge):
        raise Refused("invalid_grant", "code_verifier does not match the code_challenge")


def basic_credentials(header: str) -> tuple[str, str]:
    """The client id and secret of an `Authorization: Basic` header (RFC 6749 2.3.1)."""
    try:
        decoded = base64.b64decode(header[6:].strip(), validate=True).decode()
    except (ValueError, UnicodeDecodeError):
        raise Refused("invalid_client", "malformed Basic credentials", 401) from None
    client_id, colon, secret = decoded.partition(":")
    if not colon:
        raise Refused("invalid_client", "malformed Basic credentials", 401)
    return unquote_plus(client_id), unquote_plus(secret)


def hs256(claims: Mapping[str, Any], key: bytes, kid: str) -> str:
    """A JWT signed with HMAC-SHA256; by hand because PyJWT warns of a short key, and a client
    secret often is one."""
    header = {"alg": "HS256", "typ": "JWT", "kid": kid}
    signing_input = ".".join(
        b64url(json.dumps(part, separators=(",", ":")).encode()) for part in (header, claims)
    )
    signature = hmac.new(key, signing_input.encode("ascii"), hashlib.sha256).digest()
    return f"{signing_input}.{b64url(signature)}"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def redirect(uri: str, params: Mapping[str, str], status: int = 302) -> Response:
    """A redirect to `uri` with `params` added to the query it already has."""
    parts = urlsplit(uri)
    query = urlencode([*parse_qsl(parts.query, keep_blank_values=True), *params.items()])
    return RedirectResponse(urlunsplit(parts._replace(query=query)), status)


def json_response(
    body: Any, status: int = 200, headers: Mapping[str, str] | None = None
) -> Response:
    return JSONResponse(body, status, {"Cache-Control": "no-store", **(headers or {})})


def refusal_page(message: str) -> Response:
    return _page(f"<p>{html.escape(message)}</p>", 400)


def sign_in_page(
    action: str, client_id: str, params: Mapping[str, str], email: str, name: str, redirect_uri: str
) -> Response:
    """The interactive sign-in form, posting `params` back with the email and name typed in.

    The form's target redirects on to `redirect_uri`, and browsers hold that redirect to
    `form-action` too, so its origin is allowed there."""
    hidden = "".join(
        f'\n<input type="hidden" name="{html.escape(key)}" value="{html.escape(value)}">'
        for key, value in params.items()
        if key not in _FORM_FIELDS
    )
    body = _FORM.format(
        client=html.escape(client_id),
        action=html.escape(action),
        hidden=hidden,
        email=html.escape(email),
        name=html.escape(name),
    )
    target = urlsplit(redirect_uri)
    origin = f"{target.scheme}://{target.netloc}"
    return _page(body, 200, form_action=origin if _ORIGIN.fullmatch(origin) else "")


def _page(body: str, status: int, form_action: str = "") -> Response:
    """A page with no script, frame or outside resource; `body` is HTML, escaped by the caller."""
    policy = (
        "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
        f"frame-ancestors 'none'; form-action 'self' {form_action}".rstrip()
    )
    headers = {"Content-Security-Policy": policy, **_PAGE_HEADERS}
    return HTMLResponse(_PAGE.format(body=body), status, headers)
