"""`--app module:attr` (or `FABRIC_AUTH_APP`): the `FabricAuth` runtime of the app a command
acts for.

Importing the app's module runs what it does at import — `register_permissions(...)`,
`FabricAuth(settings, plans=..., mailer=...)` — so the command knows the app's permissions,
plans and mail settings. The attribute is the runtime itself or the app `install()` was called
on; `module:attr.sub` follows attributes.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import TYPE_CHECKING

from fabric_auth.exceptions import ConfigurationError

if TYPE_CHECKING:
    from fabric_auth.runtime import FabricAuth

APP_VARIABLE = "FABRIC_AUTH_APP"


def find_runtime(spec: str) -> FabricAuth:
    """The runtime `spec` names; `ConfigurationError` (one line, exit 2) when it names none."""
    # Imported here: the runtime brings FastAPI, which commands without an app never load.
    from fabric_auth.runtime import FabricAuth

    target = _import(spec)
    if isinstance(target, FabricAuth):
        return target
    runtime = _installed_on(target, FabricAuth)
    if runtime is None:
        raise ConfigurationError(
            f"--app {spec}: neither a FabricAuth nor an app FabricAuth.install() was called on"
        )
    return runtime


def _import(spec: str) -> object:
    module_name, _, path = spec.partition(":")
    if not module_name or not path:
        raise ConfigurationError(f"--app {spec}: expected module:attribute, e.g. myapp:app")
    # Like `uvicorn module:app`, the current directory is searched (a console script's
    # sys.path does not include it).
    if os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())
    try:
        target: object = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name is None or not (module_name + ".").startswith(exc.name + "."):
            raise  # a module the app imports is missing: the app's own error, with its traceback
        raise ConfigurationError(f"--app {spec}: no module named {exc.name}") from None
    for name in path.split("."):
        if not hasattr(target, name):
            raise ConfigurationError(f"--app {spec}: {module_name} has no attribute {path}")
        target = getattr(target, name)
    return target


def _installed_on(app: object, runtime_type: type[FabricAuth]) -> FabricAuth | None:
    """The runtime `install()` put on `app`. `app.state` holds it only once the lifespan runs,
    which a command never does; before that it is an argument of the middleware `install()`
    registered (`app.user_middleware`, each a Starlette `Middleware(cls, *args, **kwargs)`)."""
    for middleware in getattr(app, "user_middleware", ()):
        for value in getattr(middleware, "kwargs", {}).values():
            if isinstance(value, runtime_type):
                return value
    return None
