"""AuthSettings: defaults and the startup errors for bad values."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from fabric_auth import load_settings
from fabric_auth.exceptions import ConfigurationError

GOOD_SECRET = "k3Jx9-qLw2Zr8VtY1pNm4HsB7cD0eFgA"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    """No FABRIC_AUTH_* from the machine, no .env from the working directory."""
    import os

    for name in list(os.environ):
        if name.startswith("FABRIC_AUTH_") and not name.startswith("FABRIC_AUTH_TEST_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(str(tmp_path))


def test_production_requires_a_secret() -> None:
    """Without a secret, production start-up fails naming the variable."""
    with pytest.raises(ConfigurationError, match="FABRIC_AUTH_SECRET_KEY is required"):
        load_settings()


GENERATE = "generate one with: python -c 'import secrets; print(secrets.token_urlsafe(48))'"


@pytest.mark.parametrize(
    ("secret", "message"),
    [
        ("abcdefghij123", "must be at least 32 characters long"),
        ("abc", "must be at least 32 characters long"),
        ("a" * 40, "must have at least 8 distinct characters"),
        ("ab" * 20, "must have at least 8 distinct characters"),
        ("changeme", "contains the placeholder word 'changeme'"),
        ("your-secret-key", "contains the placeholder word 'secret'"),
    ],
)
def test_weak_secrets_are_refused_saying_why(secret: str, message: str) -> None:
    """Short, low-variety and placeholder secrets are refused, each with its own reason."""
    with pytest.raises(ConfigurationError) as refused:
        load_settings(secret_key=secret)
    assert str(refused.value) == f"FABRIC_AUTH_SECRET_KEY {message}; {GENERATE}"


@pytest.mark.parametrize(
    ("secret", "word"),
    [
        ("changemechangemechangemechangeme12", "changeme"),
        ("CHANGE-ME-k3Jx9qLw2Zr8VtY1pNm4HsB7cD0eFgA", "changeme"),
        ("Change_Me_k3Jx9qLw2Zr8VtY1pNm4HsB7cD0eFgA", "changeme"),
        ("k3Jx9-qLw2Zr8VtY1pNm4HsB7cD0eFgA-SuperSecret", "secret"),
        ("my-app-PASSWORD-k3Jx9qLw2Zr8VtY1pNm4HsB7cD0", "password"),
        ("example-k3Jx9qLw2Zr8VtY1pNm4HsB7cD0eFgA", "example"),
        ("replace-me-k3Jx9qLw2Zr8VtY1pNm4HsB7cD0eFgA", "replaceme"),
        ("placeholder-k3Jx9qLw2Zr8VtY1pNm4HsB7cD0eFgA", "placeholder"),
    ],
)
def test_placeholder_words_are_refused_in_production(secret: str, word: str) -> None:
    """A placeholder word anywhere in a long secret, in any case or spelling with - or _,
    is refused in production."""
    with pytest.raises(ConfigurationError) as refused:
        load_settings(secret_key=secret)
    assert str(refused.value) == (
        f"FABRIC_AUTH_SECRET_KEY contains the placeholder word '{word}'; {GENERATE}"
    )


@pytest.mark.parametrize("environment", ["development", "test"])
def test_placeholder_words_pass_outside_production(environment: str) -> None:
    """Development and test keep a memorable secret such as dev-secret-...: only production
    holds the secret's words against it (length and variety still count everywhere)."""
    secret = "dev-secret-for-my-laptop-0123456789"
    settings = load_settings(environment=environment, secret_key=secret)
    assert settings.secret_key is not None
    assert settings.secret_key.get_secret_value() == secret
    with pytest.raises(ConfigurationError) as refused:
        load_settings(environment=environment, secret_key="changeme")
    assert str(refused.value) == (
        f"FABRIC_AUTH_SECRET_KEY must be at least 32 characters long; {GENERATE}"
    )


def test_secret_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """FABRIC_AUTH_* variables configure the settings."""
    monkeypatch.setenv("FABRIC_AUTH_SECRET_KEY", GOOD_SECRET)
    monkeypatch.setenv("FABRIC_AUTH_ACCESS_TOKEN_TTL", "120")
    settings = load_settings()
    assert settings.access_token_ttl == 120
    assert settings.secret_key is not None
    assert settings.secret_key.get_secret_value() == GOOD_SECRET


def test_env_file(tmp_path: object) -> None:
    """A .env in the working directory is read."""
    from pathlib import Path

    Path(".env").write_text(
        f"FABRIC_AUTH_SECRET_KEY={GOOD_SECRET}\nFABRIC_AUTH_REGISTRATION_OPEN=true\n"
    )
    assert load_settings().registration_open is True


def test_bad_value_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    """A malformed value fails with the variable's name in the message."""
    monkeypatch.setenv("FABRIC_AUTH_ACCESS_TOKEN_TTL", "soon")
    with pytest.raises(ConfigurationError, match="FABRIC_AUTH_ACCESS_TOKEN_TTL"):
        load_settings(secret_key=GOOD_SECRET)


def test_cheap_argon2_only_in_test_environment() -> None:
    """Argon2 parameters below OWASP's minimum are refused outside environment=test."""
    with pytest.raises(ConfigurationError, match="OWASP"):
        load_settings(secret_key=GOOD_SECRET, argon2_memory_cost=8)
    load_settings(secret_key=GOOD_SECRET, argon2_memory_cost=8, environment="test")


def test_secure_defaults() -> None:
    """Registration closed, Secure cookies, no auto-migration in production."""
    settings = load_settings(secret_key=GOOD_SECRET)
    assert settings.registration_open is False
    assert settings.cookie_secure is True
    assert settings.should_auto_migrate is False
    assert settings.refresh_grace_seconds == 10
    assert settings.database_url.startswith("sqlite://")


def test_development_needs_no_secret_and_migrates() -> None:
    """Development runs without a secret (random per process) and applies migrations."""
    settings = load_settings(environment="development")
    assert settings.should_auto_migrate is True


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"admin_email": "a@example.com"}, "go together"),
        ({"admin_email": "\u0430dmin@example.com", "admin_password": "x" * 16}, "ADMIN_EMAIL"),
        ({"admin_email": "not an address", "admin_password": "x" * 16}, "ADMIN_EMAIL"),
        ({"cookie_samesite": "none", "cookie_secure": False}, "COOKIE_SECURE"),
        ({"database_url": "mysql://x"}, "DATABASE_URL"),
        ({"password_max_length": 32}, "PASSWORD_MAX_LENGTH"),
    ],
)
def test_inconsistent_settings(overrides: dict[str, object], message: str) -> None:
    """Settings that contradict each other fail with a message naming them."""
    with pytest.raises(ConfigurationError, match=message):
        load_settings(secret_key=GOOD_SECRET, **overrides)


@pytest.mark.parametrize("word", ["", "none", "OFF"])
def test_limits_turn_off_from_the_environment(monkeypatch: pytest.MonkeyPatch, word: str) -> None:
    """Empty, none and off turn a rate limit and the per-address lockout off."""
    monkeypatch.setenv("FABRIC_AUTH_LOCKOUT_IP_FAILURES", word)
    monkeypatch.setenv("FABRIC_AUTH_RATE_LIMIT_TOKEN", word)
    settings = load_settings(environment="test")
    assert settings.lockout_ip_failures is None
    assert settings.rate_limit_token is None


def test_trusted_proxies_from_a_comma_separated_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    """FABRIC_AUTH_TRUSTED_PROXIES takes a comma-separated list of IPs and CIDRs."""
    monkeypatch.setenv("FABRIC_AUTH_TRUSTED_PROXIES", "10.0.0.0/8, 192.0.2.10")
    assert load_settings(environment="test").trusted_proxies == ("10.0.0.0/8", "192.0.2.10")


def test_lockout_waits_must_be_ordered() -> None:
    """A maximum wait below the increment is refused, naming the variable."""
    with pytest.raises(ConfigurationError, match="FABRIC_AUTH_LOCKOUT_MAX_WAIT"):
        load_settings(environment="test", lockout_wait_increment=600, lockout_max_wait=60)


# --- failing at start-up: what only opening the store or Redis shows --------------------------

START_UP = """
import asyncio, sys
for module in sys.argv[1:]:
    sys.modules[module] = None  # as if its extra were not installed
from fastapi import FastAPI
from fabric_auth import FabricAuth
from fabric_auth.exceptions import ConfigurationError
from fabric_auth.testing import serve

async def start_up():
    app = FastAPI()
    FabricAuth().install(app)
    async with serve(app):
        pass

try:
    asyncio.run(start_up())
except ConfigurationError as exc:
    print(f"{type(exc).__name__}: {exc}")
    sys.exit(2)
"""


def start_up(cwd: Path, variables: dict[str, str], *, missing: tuple[str, ...] = ()) -> str:
    """Start an app in a fresh interpreter (Tortoise's set-up is one per process, and this
    one's is held by the store fixtures), `missing` modules unimportable; return its output."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("FABRIC_")}
    env |= {
        "FABRIC_AUTH_ENVIRONMENT": "test",
        "FABRIC_AUTH_SECRET_KEY": GOOD_SECRET,
        "FABRIC_AUTH_GC_FREEZE_ON_STARTUP": "false",
        **variables,
    }
    result = subprocess.run(
        [sys.executable, "-c", START_UP, *missing],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr == ""
    return result.stdout


@pytest.mark.parametrize(
    ("url", "missing", "message"),
    [
        (
            "postgres://app@db.invalid/app",
            ("asyncpg",),
            "FABRIC_AUTH_DATABASE_URL is a postgres:// URL but its driver asyncpg is not "
            "installed: pip install 'fabric-auth[postgres]'",
        ),
        (
            "psycopg://app@db.invalid/app",
            ("psycopg",),
            "FABRIC_AUTH_DATABASE_URL is a psycopg:// URL but its driver psycopg is not "
            "installed: pip install 'fabric-auth[psycopg]'",
        ),
    ],
)
def test_postgres_without_its_driver_fails_in_one_line(
    tmp_path: Path, url: str, missing: tuple[str, ...], message: str
) -> None:
    """A PostgreSQL URL without the driver installed: one ConfigurationError naming the
    variable and what to install, not the driver's import traceback."""
    output = start_up(tmp_path, {"FABRIC_AUTH_DATABASE_URL": url}, missing=missing)
    assert output == f"ConfigurationError: {message}\n"


def test_redis_without_its_package_fails_in_one_line(tmp_path: Path) -> None:
    """A Redis URL without the redis package: one ConfigurationError naming the variable."""
    output = start_up(
        tmp_path, {"FABRIC_AUTH_REDIS_URL": "redis://127.0.0.1:6379/0"}, missing=("redis",)
    )
    assert output == (
        "ConfigurationError: FABRIC_AUTH_REDIS_URL is set but the redis package is missing: "
        "install fabric-auth[redis]\n"
    )


@pytest.mark.parametrize(
    ("url", "folder"),
    [
        ("sqlite:///no/such/dir/db.sqlite3", "/no/such/dir"),
        ("sqlite://data/auth/db.sqlite3", "{cwd}/data/auth"),
    ],
)
def test_sqlite_in_a_missing_folder_fails_in_one_line(
    tmp_path: Path, url: str, folder: str
) -> None:
    """A SQLite file in a folder that does not exist: one ConfigurationError naming the
    variable and the folder (a relative one resolved from the working directory)."""
    output = start_up(tmp_path, {"FABRIC_AUTH_DATABASE_URL": url})
    assert output == (
        f"ConfigurationError: FABRIC_AUTH_DATABASE_URL: the folder {folder.format(cwd=tmp_path)} "
        "does not exist; create it or name a file in an existing folder\n"
    )


def test_redis_namespace_follows_the_store_not_its_credentials() -> None:
    """The default namespace is one per store address: the same with another user or password,
    another for another database; FABRIC_AUTH_REDIS_NAMESPACE wins; a bad one is refused."""
    from fabric_auth.settings import AuthSettings

    def namespace(url: str, **settings: str) -> str:
        return AuthSettings(environment="test", database_url=url, **settings).namespace

    one = namespace("postgres://app:secret@db.internal:5432/auth")
    assert one.startswith("fabric_auth:") and "secret" not in one
    assert namespace("postgres://other:rotated@db.internal:5432/auth") == one
    assert namespace("postgres://app:secret@db.internal:5432/billing") != one
    assert namespace("sqlite://a.sqlite3") != namespace("sqlite://b.sqlite3")
    assert namespace("sqlite://a.sqlite3", redis_namespace="shop:prod") == "shop:prod"
    with pytest.raises(ValueError, match="redis_namespace"):
        namespace("sqlite://a.sqlite3", redis_namespace="has space")


def test_oauth_providers_from_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    """`FABRIC_AUTH_OAUTH__<NAME>__<FIELD>` builds one provider per name; the kind follows the
    name for google and github; the allowlist is comma-separated."""
    monkeypatch.setenv("FABRIC_AUTH_OAUTH__GITHUB__CLIENT_ID", "gh-id")
    monkeypatch.setenv("FABRIC_AUTH_OAUTH__GITHUB__CLIENT_SECRET", "gh-secret")
    monkeypatch.setenv("FABRIC_AUTH_OAUTH__KEYCLOAK__CLIENT_ID", "kc-id")
    monkeypatch.setenv("FABRIC_AUTH_OAUTH__KEYCLOAK__CLIENT_SECRET", "kc-secret")
    monkeypatch.setenv("FABRIC_AUTH_OAUTH__KEYCLOAK__ISSUER", "https://kc.example.com/realms/a")
    monkeypatch.setenv("FABRIC_AUTH_OAUTH__KEYCLOAK__JIT_PROVISIONING", "true")
    monkeypatch.setenv("FABRIC_AUTH_OAUTH__KEYCLOAK__ROLES", '["user", "staff"]')
    monkeypatch.setenv(
        "FABRIC_AUTH_OAUTH_REDIRECT_ALLOWLIST", "https://app.example.com, https://example.com/app"
    )
    settings = load_settings(environment="development")
    github, keycloak = settings.oauth["github"], settings.oauth["keycloak"]
    assert (github.kind_for("github"), github.client_id) == ("github", "gh-id")
    assert github.client_secret.get_secret_value() == "gh-secret"
    assert keycloak.kind_for("keycloak") == "oidc"
    assert (keycloak.issuer, keycloak.jit_provisioning, keycloak.roles) == (
        "https://kc.example.com/realms/a",
        True,
        ["user", "staff"],
    )
    assert keycloak.link_verified_email is False and keycloak.store_tokens is False
    assert settings.oauth_redirect_allowlist == (
        "https://app.example.com",
        "https://example.com/app",
    )


OIDC = {"client_id": "c", "client_secret": "s", "issuer": "https://idp.example.com"}
ALLOW = ("https://app.example.com",)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {
                "oauth": {"kc": {"client_id": "c", "client_secret": "s"}},
                "oauth_redirect_allowlist": ALLOW,
            },
            "FABRIC_AUTH_OAUTH__KC__ISSUER is required for an OpenID Connect provider",
        ),
        (
            {
                "oauth": {"kc": {**OIDC, "issuer": "http://idp.example.com"}},
                "oauth_redirect_allowlist": ALLOW,
            },
            "FABRIC_AUTH_OAUTH__KC__ISSUER: 'http://idp.example.com' must use https",
        ),
        (
            {"oauth": {"kc": {**OIDC, "clientid": "x"}}, "oauth_redirect_allowlist": ALLOW},
            "FABRIC_AUTH_OAUTH__KC__CLIENTID: Extra inputs are not permitted",
        ),
        (
            {
                "oauth": {"kc": {**OIDC, "id_token_algorithms": ["HS256"]}},
                "oauth_redirect_allowlist": ALLOW,
            },
            "FABRIC_AUTH_OAUTH__KC__ID_TOKEN_ALGORITHMS: 'HS256' is not an asymmetric",
        ),
        (
            {
                "oauth": {"kc": {**OIDC, "token_url": "https://x.example.com"}},
                "oauth_redirect_allowlist": ALLOW,
            },
            "FABRIC_AUTH_OAUTH__KC: AUTHORIZE_URL, TOKEN_URL and API_URL are for GitHub",
        ),
        (
            {"oauth": {"Bad Name": OIDC}, "oauth_redirect_allowlist": ALLOW},
            "FABRIC_AUTH_OAUTH__BAD NAME: a provider name is 1-32 lowercase letters",
        ),
        (
            {"oauth": {"kc": OIDC}},
            "FABRIC_AUTH_OAUTH_REDIRECT_ALLOWLIST is required when OAuth providers are configured",
        ),
        (
            {"oauth": {"kc": OIDC}, "oauth_redirect_allowlist": ("https://user@app.example.com",)},
            "FABRIC_AUTH_OAUTH_REDIRECT_ALLOWLIST: 'https://user@app.example.com' may hold only",
        ),
        (
            {"oauth": {"kc": OIDC}, "oauth_redirect_allowlist": ("http://app.example.com",)},
            "FABRIC_AUTH_OAUTH_REDIRECT_ALLOWLIST: 'http://app.example.com' must use https",
        ),
    ],
)
def test_bad_oauth_settings_fail_naming_the_variable(
    overrides: dict[str, object], message: str
) -> None:
    """Each bad OAuth field fails at start-up with one message naming its variable."""
    with pytest.raises(ConfigurationError) as raised:
        load_settings(environment="development", **overrides)
    assert message in str(raised.value)
