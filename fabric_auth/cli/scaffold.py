"""`fabric-auth init`: a `.env` with a fresh secret and an `app.py` that runs as written."""

from __future__ import annotations

import argparse
import secrets
from collections.abc import Iterator
from pathlib import Path

from fabric_auth.cli.context import Commands, Context, say

APP_TEMPLATE = '''"""A fabric-auth app. Run: uvicorn app:app --reload"""

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
    return {"hello": str(who.id)}
'''

ENV_TEMPLATE = """# fabric-auth settings (docs/configuration.md). Keep this file private.
FABRIC_AUTH_ENVIRONMENT=development
FABRIC_AUTH_SECRET_KEY={secret}
FABRIC_AUTH_DATABASE_URL=sqlite://fabric_auth.sqlite3
FABRIC_AUTH_COOKIE_SECURE=false
# FABRIC_AUTH_ADMIN_EMAIL=admin@example.com
# FABRIC_AUTH_ADMIN_PASSWORD=
"""


def scaffold(directory: str | Path) -> Iterator[str]:
    """Write what is missing; never overwrite an existing file. Yields what it did."""
    root = Path(directory)
    root.mkdir(parents=True, exist_ok=True)
    files = {
        ".env": ENV_TEMPLATE.format(secret=secrets.token_urlsafe(48)),
        "app.py": APP_TEMPLATE,
    }
    for name, content in files.items():
        path = root / name
        try:
            with path.open("x", encoding="utf-8") as handle:
                handle.write(content)
        except FileExistsError:
            yield f"kept existing {path}"
            continue
        if name == ".env":
            path.chmod(0o600)
        yield f"wrote {path}"


async def init(context: Context, args: argparse.Namespace) -> int:
    say(*scaffold(args.directory))
    return 0


def add_commands(commands: Commands) -> None:
    parser = commands.add_parser("init", help="scaffold an app: .env with a secret, app.py")
    parser.add_argument("directory", nargs="?", default=".")
    parser.set_defaults(run=init)
