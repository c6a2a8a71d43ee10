"""What our routes and dependencies add to an app's OpenAPI document.

- `schemes`: the credential schemes (API key header, access cookie) beside the bearer token.
- `errors`: the error responses every operation can give, each with its codes, from what the
  route declares (`errors(...)` in its `responses`) and what its dependencies can raise.

`FabricAuth.install(app)` applies both when the app first builds its document.
"""

from fabric_auth.openapi.errors import (
    ERROR_SCHEMA,
    JSON_OBJECT_SCHEMA,
    ErrorResponse,
    FieldError,
    declare_errors,
    describe_errors,
    error_table,
    errors,
    extend_operations,
)
from fabric_auth.openapi.schemes import (
    API_KEY_SCHEME,
    BEARER_SCHEME,
    COOKIE_SCHEME,
    USER_TOKEN_SCHEME,
    add_alternative_schemes,
    alternative_schemes,
)
from fabric_auth.openapi.visibility import ADMIN_EXTENSION, drop_admin_operations

__all__ = [
    "ADMIN_EXTENSION",
    "API_KEY_SCHEME",
    "BEARER_SCHEME",
    "COOKIE_SCHEME",
    "ERROR_SCHEMA",
    "JSON_OBJECT_SCHEMA",
    "USER_TOKEN_SCHEME",
    "ErrorResponse",
    "FieldError",
    "add_alternative_schemes",
    "alternative_schemes",
    "declare_errors",
    "describe_errors",
    "drop_admin_operations",
    "error_table",
    "errors",
    "extend_operations",
]
