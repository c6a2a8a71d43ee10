"""Schemathesis hooks for the fuzz run (loaded through `SCHEMATHESIS_HOOKS`).

`declared_error_code`: an error answer's `code` must be one the operation declares for that
status (`x-error-codes`, see `fabric_auth.openapi.errors`): the codes in the document, and in
docs/endpoints.md, are then checked by every generated request.
"""

from __future__ import annotations

import json
from typing import Any

import schemathesis


@schemathesis.check
def declared_error_code(ctx: Any, response: Any, case: Any) -> bool | None:
    if response.status_code < 400:
        return None
    declared = case.operation.definition.raw.get("responses", {}).get(str(response.status_code))
    if not declared or "x-error-codes" not in declared:
        return None  # an undeclared status is status_code_conformance's to report
    try:
        code = json.loads(response.content).get("code")
    except (ValueError, AttributeError):
        raise AssertionError(f"{response.status_code} without a JSON error body") from None
    if code not in declared["x-error-codes"]:
        raise AssertionError(
            f"{response.status_code} answered code {code!r}, not among the declared "
            f"{declared['x-error-codes']}"
        )
    return None
