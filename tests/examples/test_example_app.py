"""examples/app.py: the demo app, started on the test store."""

from __future__ import annotations

import html
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from urllib.parse import urlencode

import httpx
import pytest

from fabric_auth.exceptions import ConfigurationError
from fabric_auth.testing import serve, sign_in, test_settings
from tests.examples.loader import ROOT, load

ADMIN_EMAIL, ADMIN_PASSWORD = "admin@example.com", "a long demo password"


@pytest.fixture(scope="module")
def demo() -> ModuleType:
    return load("examples/app.py")


async def test_admin_signs_in_and_is_greeted_by_id(demo: ModuleType, store: str) -> None:
    """The seeded admin signs in, and GET /hello answers with the principal's id."""
    app = demo.create_app(
        test_settings(database_url=store, admin_email=ADMIN_EMAIL, admin_password=ADMIN_PASSWORD)
    )
    async with serve(app) as client:
        tokens = await sign_in(client, ADMIN_EMAIL, ADMIN_PASSWORD)
        headers = {"Authorization": f"Bearer {tokens['access_token']}"}
        me = await client.get("/auth/me", headers=headers)
        assert me.json()["is_system_admin"] is True
        hello = await client.get("/hello", headers=headers)
        assert hello.status_code == 200
        assert hello.json() == {"hello": me.json()["id"]}
        ready = await client.get("/health/ready")
        assert ready.json()["checks"]["store"] == "ok"


async def test_hello_refuses_anonymous_callers(demo: ModuleType, store: str) -> None:
    """Without credentials GET /hello is a 401 in fabric-auth's error format."""
    async with serve(demo.create_app(test_settings(database_url=store))) as client:
        response = await client.get("/hello")
    assert response.status_code == 401
    assert response.json() == {"detail": "Not authenticated", "code": "not_authenticated"}


def test_module_level_app_is_built_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`examples.app:app` is built on first access, from FABRIC_AUTH_* variables."""
    monkeypatch.chdir(tmp_path)  # no stray .env
    monkeypatch.setenv("FABRIC_AUTH_ENVIRONMENT", "development")
    monkeypatch.setenv("FABRIC_AUTH_ADMIN_EMAIL", ADMIN_EMAIL)
    monkeypatch.setenv("FABRIC_AUTH_ADMIN_PASSWORD", ADMIN_PASSWORD)
    module = load("examples/app.py")
    assert "app" not in vars(module)  # importing read no settings
    app = module.app
    assert module.app is app
    assert app.url_path_for("auth:token") == "/auth/token"
    assert app.url_path_for("health:ready") == "/health/ready"
    assert app.url_path_for("admin:login") == "/admin/login"


def test_module_level_app_without_settings_names_the_missing_secret(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """With no FABRIC_AUTH_* variables (production by default) building `app` fails clearly."""
    monkeypatch.chdir(tmp_path)
    for variable in ("ENVIRONMENT", "SECRET_KEY", "ADMIN_EMAIL", "ADMIN_PASSWORD"):
        monkeypatch.delenv(f"FABRIC_AUTH_{variable}", raising=False)
    module = load("examples/app.py")
    with pytest.raises(ConfigurationError, match="FABRIC_AUTH_SECRET_KEY is required"):
        _ = module.app


# --- the demo's test identity provider (make demo) ------------------------------------------

HIDDEN_INPUT = re.compile(r'<input type="hidden" name="(?P<name>[^"]+)" value="(?P<value>[^"]*)">')
FORM_ACTION = re.compile(r'<form method="post" action="(?P<action>[^"]+)">')
SIGN_IN_LINK = re.compile(r'<a href="(?P<href>[^"]+)">Sign in with the demo provider</a>')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def demo_server(tmp_path: Path, **variables: str) -> Iterator[str]:
    """`examples.app:app` under uvicorn on a free loopback port, in its own process, with the
    variables `make demo` sets (and `variables`); yields its base URL."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    environment = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "FABRIC_AUTH_ENVIRONMENT": "development",
        "FABRIC_AUTH_DATABASE_URL": f"sqlite://{tmp_path / 'demo.sqlite3'}",
        "FABRIC_AUTH_COOKIE_SECURE": "false",
        "FABRIC_AUTH_PUBLIC_BASE_URL": base,
        "FABRIC_AUTH_DEMO_IDENTITY_PROVIDER": "1",
        "FABRIC_AUTH_ADMIN_EMAIL": ADMIN_EMAIL,
        "FABRIC_AUTH_ADMIN_PASSWORD": ADMIN_PASSWORD,
        **variables,
    }
    command = [sys.executable, "-m", "uvicorn", "examples.app:app", "--host", "127.0.0.1"]
    command += ["--port", str(port), "--no-proxy-headers"]
    log = tmp_path / "server.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            command, cwd=tmp_path, env=environment, stdout=output, stderr=output
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/health/live").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def sign_in_at_the_demo_provider(browser: httpx.Client, href: str, email: str) -> httpx.Response:
    """Follow the page's link to the provider's form, post it with `email` (verified), and
    follow the provider's redirect to the callback; returns the callback's answer."""
    authorize = browser.get(href)
    assert authorize.status_code == 303, authorize.text
    form = browser.get(authorize.headers["location"])
    assert form.status_code == 200, form.text
    fields = {m["name"]: html.unescape(m["value"]) for m in HIDDEN_INPUT.finditer(form.text)}
    action = html.unescape(FORM_ACTION.search(form.text)["action"])  # type: ignore[index]
    fields |= {"email": email, "name": "Ada Lovelace", "email_verified": "true"}
    approved = browser.post(action, data=fields)
    assert approved.status_code == 303, approved.text
    return browser.get(approved.headers["location"])


def test_make_demo_signs_a_browser_in_through_the_served_test_provider(tmp_path: Path) -> None:
    """Served as `make demo` serves it, the home page links the demo provider; its form signs
    a new account in, and /welcome shows that account's email, escaped."""
    with demo_server(tmp_path) as base, httpx.Client(base_url=base) as browser:
        assert browser.get("/welcome").text.count("Nobody is signed in") == 1
        home = browser.get("/")
        assert home.headers["content-security-policy"].startswith("default-src 'none'")
        href = html.unescape(SIGN_IN_LINK.search(home.text)["href"])  # type: ignore[index]
        assert href == "/auth/oauth/demo/authorize?" + urlencode({"redirect_to": f"{base}/welcome"})
        email = "ada+<b>@example.com"
        callback = sign_in_at_the_demo_provider(browser, href, email)
        assert callback.status_code == 303, callback.text
        assert callback.headers["location"] == f"{base}/welcome"
        welcome = browser.get("/welcome")
        me = browser.get("/auth/me")
    assert welcome.status_code == 200
    assert f"Signed in as <strong>{html.escape(email)}</strong>" in welcome.text
    assert "<b>" not in welcome.text
    assert me.json()["email"] == email
    assert me.json()["is_verified"] is True


def test_the_demo_provider_stays_off_outside_development(
    demo: ModuleType, store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The flag alone mounts nothing in a test or production environment: no provider, no
    OAuth routes, no pages."""
    monkeypatch.setenv("FABRIC_AUTH_DEMO_IDENTITY_PROVIDER", "1")
    app = demo.create_app(test_settings(database_url=store))
    paths = {getattr(route, "path", "") for route in app.routes}
    assert {"/dev-oidc", "/", "/welcome", "/auth/oauth/providers"} & paths == set()
    assert "/hello" in paths
