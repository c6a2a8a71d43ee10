"""Import example files by path, as the docs quote them."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def load(relative_path: str) -> ModuleType:
    """Import `relative_path` (from the repository root) as a fresh module, registered in
    `sys.modules` so that Tortoise can find models declared in it by module name."""
    path = ROOT / relative_path
    name = "fabric_auth_example_" + path.stem
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
