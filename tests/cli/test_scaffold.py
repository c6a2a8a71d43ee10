"""`fabric-auth init`: the uvicorn command it prints and writes into app.py, and what it does."""

from __future__ import annotations

import os
import shlex
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx

from tests.cli.conftest import fabric_auth

ADMIN_EMAIL, ADMIN_PASSWORD = "admin@example.com", "a long demo password"
FORGED = "203.0.113.7"


def test_init_prints_and_writes_a_command_without_proxy_headers(tmp_path: Path) -> None:
    """Without trusted proxies uvicorn is told to believe no X-Forwarded-For at all."""
    result = fabric_auth("init", "project", cwd=tmp_path)
    command = "uvicorn app:app --reload --no-proxy-headers"
    assert result.stdout.splitlines() == [
        "wrote project/.env",
        "wrote project/app.py",
        f"run it: cd project && {command}",
    ]
    app = (tmp_path / "project" / "app.py").read_text()
    assert app.splitlines()[0] == f'"""A fabric-auth app. Run: {command}"""'
    again = fabric_auth("init", cwd=tmp_path / "project")
    assert again.stdout.splitlines()[-1] == f"run it: {command}"


def test_init_trusts_the_proxies_the_app_trusts(tmp_path: Path) -> None:
    """With FABRIC_AUTH_TRUSTED_PROXIES (environment or .env) uvicorn believes those only."""
    proxies = "10.0.0.0/8,192.0.2.10"
    from_environment = fabric_auth(
        "init", "a", cwd=tmp_path, FABRIC_AUTH_TRUSTED_PROXIES=proxies
    ).stdout
    assert from_environment.splitlines()[-1] == (
        f"run it: cd a && uvicorn app:app --reload --forwarded-allow-ips {proxies}"
    )
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / ".env").write_text(
        f"FABRIC_AUTH_ENVIRONMENT=development\nFABRIC_AUTH_TRUSTED_PROXIES={proxies}\n"
    )
    from_env_file = fabric_auth("init", "b", cwd=tmp_path).stdout.splitlines()
    assert from_env_file[0] == "kept existing b/.env"
    assert from_env_file[-1].endswith(f"--forwarded-allow-ips {proxies}")


def test_init_names_a_bad_trusted_proxy_after_writing(tmp_path: Path) -> None:
    """A .env it keeps with a bad proxy: what was done, then one line naming the variable."""
    (tmp_path / ".env").write_text("FABRIC_AUTH_TRUSTED_PROXIES=nonsense\n")
    result = fabric_auth("init", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == "kept existing .env\n"
    assert result.stderr == (
        "fabric-auth: FABRIC_AUTH_TRUSTED_PROXIES: 'nonsense' is not an IP address or CIDR\n"
    )


def test_the_printed_command_ignores_a_forged_forwarded_for(tmp_path: Path) -> None:
    """Served as init says, a client on 127.0.0.1 cannot pose as another address; served
    with uvicorn's defaults it can, which is what the flag is for."""
    printed = fabric_auth("init", cwd=tmp_path).stdout.splitlines()[-1]
    command = shlex.split(printed.removeprefix("run it: "))
    assert command[-1] == "--no-proxy-headers"
    with ExitStack() as stack:
        as_printed = stack.enter_context(_serving(command, tmp_path, "as-printed.sqlite3"))
        defaults = stack.enter_context(_serving(command[:-1], tmp_path, "defaults.sqlite3"))
        assert _session_address(as_printed) == "127.0.0.1"
        assert _session_address(defaults) == FORGED


@contextmanager
def _serving(command: list[str], directory: Path, store: str) -> Iterator[str]:
    """`command` (uvicorn and its options) serving on a free loopback port; yields the URL."""
    uvicorn = str(Path(sys.executable).parent / "uvicorn")
    inherited = {  # uvicorn's own default for FORWARDED_ALLOW_IPS: 127.0.0.1
        name: value
        for name, value in os.environ.items()
        if not name.startswith("FABRIC_AUTH_") and name.lower() != "forwarded_allow_ips"
    }
    env = {
        **inherited,
        "FABRIC_AUTH_DATABASE_URL": f"sqlite://{directory / store}",
        "FABRIC_AUTH_ADMIN_EMAIL": ADMIN_EMAIL,
        "FABRIC_AUTH_ADMIN_PASSWORD": ADMIN_PASSWORD,
    }
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [uvicorn, *command[1:], "--host", "127.0.0.1", "--port", str(port)],
        cwd=directory,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                httpx.get(f"{url}/health/live", trust_env=False).raise_for_status()
                break
            except httpx.HTTPError:
                assert server.poll() is None, "uvicorn exited"
                time.sleep(0.2)
        yield url
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def _session_address(url: str) -> str:
    """The address the app records for a sign-in that claims to come from FORGED."""
    with httpx.Client(base_url=url, trust_env=False, headers={"X-Forwarded-For": FORGED}) as c:
        token = c.post(
            "/auth/token",
            data={"grant_type": "password", "username": ADMIN_EMAIL, "password": ADMIN_PASSWORD},
        ).json()["access_token"]
        listed = c.get("/auth/sessions", headers={"Authorization": f"Bearer {token}"})
        sessions = listed.json()["items"]
    address: str = sessions[0]["ip_address"]
    return address
