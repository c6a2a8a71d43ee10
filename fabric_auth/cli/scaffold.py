"""`fabric-auth init`: a `.env` with a fresh secret, an `app.py` that runs as written, and the
uvicorn command that serves it."""

from __future__ import annotations

import argparse
import secrets
import shlex
from collections.abc import Iterator
from pathlib import Path

from fabric_auth.cli.context import Commands, Context, say
from fabric_auth.settings import load_settings

APP_TEMPLATE = '''"""A fabric-auth app. Run: {command}"""

from typing import Annotated

from fastapi import Depends, FastAPI

from fabric_auth import FabricAuth, Principal, current_principal
from fabric_auth.routers import create_auth_router, create_health_router

auth = FabricAuth()
app = FastAPI()
auth.install(app)
app.include_router(create_auth_router())
app.include_router(create_health_router())


@app.get("/hello")
async def hello(who: Annotated[Principal, Depends(current_principal)]) -> dict[str, str]:
    return {{"hello": str(who.id)}}
'''

ENV_TEMPLATE = """# fabric-auth settings (docs/configuration.md). Keep this file private.
FABRIC_AUTH_ENVIRONMENT=development
FABRIC_AUTH_SECRET_KEY={secret}
FABRIC_AUTH_DATABASE_URL=sqlite://fabric_auth.sqlite3
FABRIC_AUTH_COOKIE_SECURE=false
# FABRIC_AUTH_ADMIN_EMAIL=admin@example.com
# FABRIC_AUTH_ADMIN_PASSWORD=
# Behind a reverse proxy: its addresses (IPs or CIDRs, comma-separated), and uvicorn's
# --forwarded-allow-ips set to the same instead of --no-proxy-headers (docs/security.md).
# FABRIC_AUTH_TRUSTED_PROXIES=
"""


def scaffold(directory: str | Path) -> Iterator[str]:
    """Write what is missing; never overwrite an existing file. Yields what it did, then how to
    serve the app."""
    root = Path(directory)
    root.mkdir(parents=True, exist_ok=True)
    yield _write(root / ".env", ENV_TEMPLATE.format(secret=secrets.token_urlsafe(48)), mode=0o600)
    command = serve_command(root)
    yield _write(root / "app.py", APP_TEMPLATE.format(command=command))
    here = root.resolve() == Path.cwd().resolve()
    yield f"run it: {command}" if here else f"run it: cd {shlex.quote(str(root))} && {command}"


def serve_command(root: Path) -> str:
    """uvicorn believes `X-Forwarded-For` (and `-Proto`) from the app's trusted proxies only.

    By default uvicorn believes it from any client on 127.0.0.1, so without a proxy a local
    process could pose as any address, past the per-address rate limits and lockout.
    """
    proxies = load_settings(_env_file=root / ".env").trusted_proxies
    trust = f"--forwarded-allow-ips {','.join(proxies)}" if proxies else "--no-proxy-headers"
    return f"uvicorn app:app --reload {trust}"


def _write(path: Path, content: str, *, mode: int | None = None) -> str:
    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write(content)
    except FileExistsError:
        return f"kept existing {path}"
    if mode is not None:
        path.chmod(mode)
    return f"wrote {path}"


async def init(context: Context, args: argparse.Namespace) -> int:
    for line in scaffold(args.directory):  # what was written shows before a settings error
        say(line)
    return 0


def add_commands(commands: Commands) -> None:
    parser = commands.add_parser("init", help="scaffold an app: .env with a secret, app.py")
    parser.add_argument("directory", nargs="?", default=".")
    parser.set_defaults(run=init)
