"""The OpenAPI document: every operation's errors declared, docs/endpoints.md listing the same
codes, and a typed client generated from it that compiles and signs in."""

from __future__ import annotations

import asyncio
import importlib
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fabric_auth import FabricAuth
from fabric_auth.openapi import ERROR_SCHEMA, error_table
from fabric_auth.testing import test_settings
from tests.conftest import build_app, uvicorn_on_loopback
from tests.fuzz.app import ADMIN_EMAIL, PASSWORD, create_fuzz_app

REPO = Path(__file__).resolve().parents[1]
ENDPOINTS_DOC = REPO / "docs" / "endpoints.md"
BEGIN, END = "<!-- error-table:begin -->", "<!-- error-table:end -->"
GENERATOR = Path(sys.executable).with_name("openapi-python-client")


def library_document() -> dict[str, Any]:
    """The document of an app mounting every library router."""
    return build_app(FabricAuth(test_settings())).openapi()


def operations(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", operation


def test_every_error_response_is_the_error_model_with_its_codes() -> None:
    """Each 4xx/5xx response refers to ErrorResponse and lists codes, one example per code."""
    schema = library_document()
    assert "HTTPValidationError" not in schema["components"]["schemas"]
    for name, operation in operations(schema):
        statuses = {int(status) for status in operation["responses"]}
        assert 503 in statuses, name
        if operation.get("security"):
            assert 401 in statuses, name
        for status, response in operation["responses"].items():
            if int(status) < 400:
                continue
            content = response["content"]["application/json"]
            assert content["schema"] == {"$ref": f"#/components/schemas/{ERROR_SCHEMA}"}, name
            codes = response["x-error-codes"]
            assert codes, name
            assert sorted(content["examples"]) == codes, name
            for code in codes:
                assert content["examples"][code]["value"]["code"] == code


def test_every_route_that_hashes_a_password_declares_busy() -> None:
    """Sign-in, registration and every password or password-checked change can be refused
    with 503 `busy` when the hashing queue is full, and say so."""
    paths = library_document()["paths"]
    hashing = [
        ("/auth/token", "post"),
        ("/auth/register", "post"),
        ("/auth/change-password", "post"),
        ("/auth/change-email", "post"),
        ("/auth/reset-password", "post"),
        ("/auth/activate", "post"),
        ("/users", "post"),
        ("/users/{user_id}/password", "put"),
        ("/users/me", "delete"),
    ]
    for path, method in hashing:
        responses = paths[path][method]["responses"]
        assert "busy" in responses["503"]["x-error-codes"], path
        assert "Retry-After" in responses["503"]["headers"], path


def test_routes_declare_what_their_services_raise() -> None:
    """Spot checks: a taken slug, a built-in role, a reauthentication, the quota headers."""
    schema = library_document()
    paths = schema["paths"]
    assert (
        "already_exists" in paths["/service-accounts"]["post"]["responses"]["409"]["x-error-codes"]
    )
    assert paths["/roles/{name}"]["delete"]["responses"]["409"]["x-error-codes"] == ["builtin_role"]
    change = paths["/auth/change-password"]["post"]["responses"]
    assert "reauth_required" in change["401"]["x-error-codes"]
    assert "WWW-Authenticate" in change["401"]["headers"]
    assert "Retry-After" in change["429"]["headers"]
    export = paths["/audit/events/export"]["get"]["responses"]["200"]["content"]
    assert sorted(export) == ["application/x-ndjson", "text/csv"]


def test_quota_routes_declare_the_idempotency_key_and_quota_headers() -> None:
    """A `quota()` route documents Idempotency-Key and X-Quota-* on success and on 429."""
    app, _ = create_fuzz_app("sqlite://:memory:")
    operation = app.openapi()["paths"]["/generate"]["post"]
    header = next(p for p in operation["parameters"] if p["name"] == "Idempotency-Key")
    assert header["in"] == "header"
    assert header["required"] is False
    for status in ("200", "429"):
        assert sorted(operation["responses"][status]["headers"])[-3:] == [
            "X-Quota-Limit",
            "X-Quota-Remaining",
            "X-Quota-Reset",
        ]
    assert operation["responses"]["429"]["x-error-codes"] == ["quota_exceeded"]
    assert "Idempotent-Replayed" in operation["responses"]["200"]["headers"]
    assert operation["responses"]["409"]["x-error-codes"] == [
        "idempotency_in_progress",
        "idempotent_response_not_stored",
    ]
    assert "idempotency_key_reused" in operation["responses"]["422"]["x-error-codes"]


def test_endpoints_doc_lists_the_documents_error_codes() -> None:
    """docs/endpoints.md's error table is what the document declares (`make endpoints-doc`)."""
    text = ENDPOINTS_DOC.read_text()
    found = re.search(re.escape(BEGIN) + r"\n(.*?)" + re.escape(END), text, re.S)
    assert found, f"docs/endpoints.md has no {BEGIN} ... {END} section"
    assert found.group(1) == error_table(library_document()), (
        "docs/endpoints.md is out of date: run `make endpoints-doc`"
    )


def write_endpoints_doc() -> None:
    """Rewrite docs/endpoints.md's error table from the document."""
    text = ENDPOINTS_DOC.read_text()
    table = error_table(library_document())
    start, end = text.index(BEGIN) + len(BEGIN) + 1, text.index(END)
    ENDPOINTS_DOC.write_text(text[:start] + table + text[end:])


async def test_a_generated_typed_client_compiles_and_signs_in(store: str, tmp_path: Path) -> None:
    """openapi-python-client builds a client from /openapi.json, warning-free; it signs in,
    reads the account, and reads a refusal as the typed ErrorResponse."""
    app, _ = create_fuzz_app(store)
    document = tmp_path / "openapi.json"
    document.write_text(json.dumps(app.openapi()))
    config = tmp_path / "config.yml"
    config.write_text("package_name_override: fabric_client\npost_hooks: []\n")
    generated = await asyncio.to_thread(
        subprocess.run,
        [
            str(GENERATOR),
            "generate",
            "--path",
            str(document),
            "--meta",
            "none",
            "--output-path",
            str(tmp_path / "fabric_client"),
            "--config",
            str(config),
            "--fail-on-warning",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert generated.returncode == 0, generated.stdout + generated.stderr
    patched = _import_unset(tmp_path / "fabric_client")
    assert patched == ["auth_token_auth_token_post.py"]
    sys.path.insert(0, str(tmp_path))
    try:
        client_package = importlib.import_module("fabric_client")
        token_api = importlib.import_module("fabric_client.api.auth.auth_token_auth_token_post")
        me_api = importlib.import_module("fabric_client.api.auth.auth_me_auth_me_get")
        models = importlib.import_module("fabric_client.models")
        async with (
            uvicorn_on_loopback(app) as url,
            client_package.Client(base_url=url) as client,
        ):
            grant = models.AuthTokenAuthTokenPostJsonBodyGrantType("password")
            refused = await token_api.asyncio(
                client=client,
                body=models.AuthTokenAuthTokenPostJsonBody(
                    grant_type=grant, username=ADMIN_EMAIL, password="not the password"
                ),
            )
            assert isinstance(refused, models.ErrorResponse)
            assert refused.code == "invalid_credentials"
            tokens = await token_api.asyncio(
                client=client,
                body=models.AuthTokenAuthTokenPostJsonBody(
                    grant_type=grant, username=ADMIN_EMAIL, password=PASSWORD
                ),
            )
            assert isinstance(tokens, models.TokenResponse)
            async with client_package.AuthenticatedClient(
                base_url=url, token=tokens.access_token
            ) as signed_in:
                me = await me_api.asyncio(client=signed_in)
            assert isinstance(me, models.UserRead)
            assert me.email == ADMIN_EMAIL
            assert me.is_system_admin is True
    finally:
        sys.path.remove(str(tmp_path))
        for name in [n for n in sys.modules if n.split(".")[0] == "fabric_client"]:
            del sys.modules[name]


def _import_unset(package: Path) -> list[str]:
    """Work around openapi-python-client 0.29.1's bug #1451 (fix proposed in #1478): for a
    required body with several content types (our token endpoint takes a form or JSON) it
    writes `| Unset` without importing `Unset`. Adds the import; returns the files fixed, so the
    test notices when a release fixes it (or breaks another file)."""
    fixed = []
    for module in sorted(package.rglob("*.py")):
        text = module.read_text()
        imported = re.search(r"^from \S+ import .*\bUnset\b", text, re.M)
        if "| Unset" in text and not imported and "import Response, UNSET\n" in text:
            module.write_text(
                text.replace("import Response, UNSET\n", "import Response, UNSET, Unset\n")
            )
            fixed.append(module.name)
    return fixed


if __name__ == "__main__":  # `make endpoints-doc`
    write_endpoints_doc()
