"""Operations left out of the public document: the admin dashboard's pages (marked with
`ADMIN_EXTENSION` by `create_admin_router()`), unless `admin_in_openapi` is on."""

from __future__ import annotations

from typing import Any

ADMIN_EXTENSION = "x-fabric-admin"


def drop_admin_operations(schema: dict[str, Any]) -> None:
    """Remove every operation marked as the dashboard's, and paths left empty."""
    paths: dict[str, dict[str, Any]] = schema.get("paths", {})
    for path in list(paths):
        operations = paths[path]
        for method in list(operations):
            operation = operations[method]
            if isinstance(operation, dict) and operation.get(ADMIN_EXTENSION):
                del operations[method]
        if not any(
            isinstance(value, dict) and "responses" in value for value in operations.values()
        ):
            del paths[path]
