"""docs/examples: every file the documentation quotes, run against the test store."""

from __future__ import annotations

import asyncio
import re
import sys
from pathlib import Path

import pytest

from fabric_auth.testing import serve, sign_in, test_settings
from tests.examples.loader import ROOT, load

DOCS = ROOT / "docs"
QUOTE = re.compile(r"<!-- quote: (?P<path>\S+) -->\n```python\n(?P<code>.*?)```", re.DOTALL)
PYTHON_BLOCK = re.compile(r"^```python$", re.MULTILINE)
PASSWORD = "a long password here"


def quotes() -> list[tuple[Path, str, str]]:
    found = []
    for page in sorted(DOCS.glob("*.md")):
        for match in QUOTE.finditer(page.read_text(encoding="utf-8")):
            found.append((page, match["path"], match["code"]))
    return found


@pytest.mark.parametrize(("page", "path", "code"), quotes(), ids=lambda value: str(value)[-40:])
def test_quoted_code_is_identical_to_the_file(page: Path, path: str, code: str) -> None:
    """A quoted example in the docs is the example file, character for character."""
    assert code == (ROOT / path).read_text(encoding="utf-8"), f"{page.name} quotes {path}"


def test_every_python_block_in_the_docs_is_a_quoted_file() -> None:
    """No Python block in the docs escapes the tests: each one quotes a file under docs/examples."""
    for page in sorted(DOCS.glob("*.md")):
        text = page.read_text(encoding="utf-8")
        blocks = len(PYTHON_BLOCK.findall(text))
        quoted = len(QUOTE.findall(text))
        assert blocks == quoted, f"{page.name}: {blocks - quoted} unquoted python block(s)"


def test_every_example_file_is_quoted() -> None:
    """Each file in docs/examples appears in some page."""
    quoted = {path for _, path, _ in quotes()}
    examples = (DOCS / "examples").glob("*.py")
    files = {f"docs/examples/{file.name}" for file in examples if file.name != "__init__.py"}
    assert files <= quoted


# --- getting-started.md ---------------------------------------------------------------------


async def test_minimal_app(store: str) -> None:
    """The getting-started app signs a user in and serves the protected route."""
    module = load("docs/examples/minimal_app.py")
    settings = test_settings(
        database_url=store, admin_email="ada@example.com", admin_password=PASSWORD
    )
    async with serve(module.create_app(settings)) as client:
        assert (await client.get("/hello")).status_code == 401
        tokens = await sign_in(client, "ada@example.com", PASSWORD)
        hello = await client.get(
            "/hello", headers={"Authorization": f"Bearer {tokens['access_token']}"}
        )
    assert hello.status_code == 200
    assert set(hello.json()) == {"hello"}


# --- configuration.md -----------------------------------------------------------------------


def test_settings_check_accepts_good_settings(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The settings check prints a summary and exits 0 for valid settings."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FABRIC_AUTH_ENVIRONMENT", "production")
    monkeypatch.setenv("FABRIC_AUTH_SECRET_KEY", "k3Jx9-q2VbN7wLz0PmT4sYcR8uHe1GdAf6")
    monkeypatch.setenv("FABRIC_AUTH_DATABASE_URL", "postgres://app@db.internal/app")
    assert load("docs/examples/settings_check.py").main() == 0
    assert capsys.readouterr().out == "ok: environment=production store=postgres\n"


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"FABRIC_AUTH_ENVIRONMENT": "production"}, "FABRIC_AUTH_SECRET_KEY is required"),
        (
            {"FABRIC_AUTH_ENVIRONMENT": "development", "FABRIC_AUTH_ACCESS_TOKEN_TTL": "5"},
            "FABRIC_AUTH_ACCESS_TOKEN_TTL: Input should be greater than or equal to 30",
        ),
        (
            {"FABRIC_AUTH_ENVIRONMENT": "development", "FABRIC_AUTH_DATABASE_URL": "mysql://x"},
            "FABRIC_AUTH_DATABASE_URL must be a sqlite:// or postgres:// URL",
        ),
    ],
)
def test_settings_check_names_the_bad_variable(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    variables: dict[str, str],
    message: str,
) -> None:
    """Bad settings give exit code 2 and one message naming the variable."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FABRIC_AUTH_SECRET_KEY", raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    assert load("docs/examples/settings_check.py").main() == 2
    assert message in capsys.readouterr().err


# --- extending-users.md ---------------------------------------------------------------------


async def exercise_extending_users(database_url: str) -> None:
    module = load("docs/examples/extending_users.py")
    settings = test_settings(
        database_url=database_url, admin_email="ada@example.com", admin_password=PASSWORD
    )
    async with serve(module.create_app(settings)) as client:
        assert (await client.get("/customer")).status_code == 401
        tokens = await sign_in(client, "ada@example.com", PASSWORD)
        headers = {"Authorization": f"Bearer {tokens['access_token']}"}
        saved = await client.put("/customer", params={"company": "Engines"}, headers=headers)
        assert saved.status_code == 200, saved.text
        read = await client.get("/customer", headers=headers)
    assert read.json() == {"email": "ada@example.com", "company": "Engines"}


async def test_extending_users(store: str) -> None:
    """An app model with a one-to-one to fabric_auth.User lives beside fabric-auth's tables.

    The example owns the Tortoise set-up of its process, as a real app does, so it runs in a
    process of its own: in this one the suite's store holds the process-global Tortoise context.
    """
    script = (
        "import asyncio, sys\n"
        "from tests.examples.test_docs_examples import exercise_extending_users\n"
        "asyncio.run(exercise_extending_users(sys.argv[1]))\n"
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        script,
        store,
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await process.communicate()
    assert process.returncode == 0, output.decode()


# --- testing.md -----------------------------------------------------------------------------


async def test_testing_example_runs_on_the_test_store(store: str) -> None:
    """The tests shown in testing.md pass (here on the suite's store instead of :memory:)."""
    module = load("docs/examples/testing_example.py")
    for test in (
        module.test_hello_greets_the_signed_in_user,
        module.test_access_token_expires_and_refresh_renews_it,
    ):
        settings = test_settings(
            database_url=store, admin_email=module.EMAIL, admin_password=module.PASSWORD
        )
        await test(settings)


def test_every_setting_is_in_the_configuration_reference() -> None:
    """docs/configuration.md names every `AuthSettings` field by its environment variable."""
    from fabric_auth.settings import AuthSettings

    reference = (DOCS / "configuration.md").read_text(encoding="utf-8")
    missing = [
        name
        for name in AuthSettings.model_fields
        if f"`FABRIC_AUTH_{name.upper()}`" not in reference
    ]
    assert missing == []
