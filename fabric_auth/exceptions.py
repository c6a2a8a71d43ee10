"""Every error fabric-auth raises, in one tree.

Each error carries the HTTP status and the stable machine code the web layer answers with
(`{"detail": ..., "code": ...}`); services raise them without knowing about HTTP.

    FabricAuthError
    ├── ConfigurationError            (startup only, never answered to a client)
    ├── MailDeliveryFailed            (500: logged, answered as internal_error)
    ├── BadRequest                    400
    │   ├── InvalidInput              422
    │   │   ├── WeakPassword          422
    │   │   ├── InvalidCharacters     422
    │   │   ├── InvalidIdentifier     422
    │   │   ├── InvalidCursor         422
    │   │   ├── UnknownPermission     422
    │   │   ├── UnknownEventType      422
    │   │   ├── WebhookUrlRefused     422
    │   │   └── IdempotencyKeyReused  422
    │   ├── UnsupportedGrantType      400
    │   ├── InvalidLinkToken          400
    │   ├── InvalidCurrentPassword    400
    │   ├── OAuthStateInvalid         400
    │   ├── OAuthRedirectRefused      400
    │   ├── OAuthProviderError        400
    │   └── PayloadTooLarge           413 (answered by the request middleware)
    ├── AuthenticationFailed          401
    │   ├── InvalidCredentials        401
    │   ├── InvalidToken              401
    │   ├── InvalidRefreshToken       401
    │   ├── InvalidApiKey             401
    │   ├── NotAuthenticated          401
    │   ├── OAuthIdentityInvalid      401
    │   ├── InvalidSignInCode         401
    │   └── ReauthRequired            401
    ├── Forbidden                     403
    │   ├── CsrfFailed                403
    │   ├── RegistrationClosed        403
    │   ├── EmailNotVerified          403
    │   ├── PermissionDenied          403
    │   │   └── ScopeDenied           403
    │   ├── CredentialNotAllowed      403
    │   ├── EscalationDenied          403
    │   ├── LastSystemAdmin           403
    │   ├── OAuthAccountNotLinked     403
    │   └── FeatureNotAvailable       403
    ├── NotFound                      404
    │   └── OAuthProviderUnknown      404
    ├── MethodNotAllowed              405 (+ Allow)
    ├── Conflict                      409
    │   ├── AlreadyExists             409
    │   ├── BuiltinRole               409
    │   ├── TooManyApiKeys            409
    │   ├── OAuthAccountLinkedElsewhere 409
    │   ├── LastSignInMethod          409
    │   ├── IdempotencyKeyInUse       409 (service API only: `PlanService.consume` waited)
    │   ├── IdempotencyInProgress     409 (+ Retry-After)
    │   └── IdempotentResponseNotStored 409
    ├── TooManyRequests               429 (+ Retry-After)
    │   ├── RateLimited               429
    │   ├── AccountLocked             429
    │   └── QuotaExceeded             429 (Retry-After unless the period never ends)
    ├── OAuthProviderUnavailable      502
    │   └── OAuthProviderTimeout      504
    ├── StoreUnavailable              503 (+ Retry-After; raised by `store.errors`)
    │   └── StoreBusy                 503
    └── HashingBusy                   503 (+ Retry-After; raised by `passwords`)

Not an error, so outside the tree: `IdempotentReplay`, raised by the quota dependency to answer
a retry with the stored response of the first request with its idempotency key.
"""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar, Self


class ErrorCode(StrEnum):
    """Stable machine-readable error codes. Never renamed once released."""

    INTERNAL_ERROR = "internal_error"
    CONFIGURATION_ERROR = "configuration_error"
    BAD_REQUEST = "bad_request"
    VALIDATION_ERROR = "validation_error"
    INVALID_CHARACTERS = "invalid_characters"
    INVALID_IDENTIFIER = "invalid_identifier"
    INVALID_CURSOR = "invalid_cursor"
    PAYLOAD_TOO_LARGE = "payload_too_large"
    WEAK_PASSWORD = "weak_password"
    UNSUPPORTED_GRANT_TYPE = "unsupported_grant_type"
    AUTHENTICATION_FAILED = "authentication_failed"
    INVALID_CREDENTIALS = "invalid_credentials"
    INVALID_TOKEN = "invalid_token"
    INVALID_REFRESH_TOKEN = "invalid_refresh_token"
    NOT_AUTHENTICATED = "not_authenticated"
    FORBIDDEN = "forbidden"
    CSRF_FAILED = "csrf_failed"
    REGISTRATION_CLOSED = "registration_closed"
    PERMISSION_DENIED = "permission_denied"
    ESCALATION_DENIED = "escalation_denied"
    UNKNOWN_PERMISSION = "unknown_permission"
    UNKNOWN_EVENT_TYPE = "unknown_event_type"
    WEBHOOK_URL_REFUSED = "webhook_url_refused"
    LAST_SYSTEM_ADMIN = "last_system_admin"
    BUILTIN_ROLE = "builtin_role"
    TOO_MANY_API_KEYS = "too_many_api_keys"
    NOT_FOUND = "not_found"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    CONFLICT = "conflict"
    ALREADY_EXISTS = "already_exists"
    MAIL_DELIVERY_FAILED = "mail_delivery_failed"
    INVALID_LINK_TOKEN = "invalid_link_token"
    INVALID_CURRENT_PASSWORD = "invalid_current_password"
    EMAIL_NOT_VERIFIED = "email_not_verified"
    TOO_MANY_REQUESTS = "too_many_requests"
    RATE_LIMITED = "rate_limited"
    ACCOUNT_LOCKED = "account_locked"
    INVALID_API_KEY = "invalid_api_key"
    QUOTA_EXCEEDED = "quota_exceeded"
    FEATURE_NOT_AVAILABLE = "feature_not_available"
    IDEMPOTENCY_KEY_IN_USE = "idempotency_key_in_use"
    """Answered by no route since idempotent replays (`idempotency_in_progress` instead); kept
    for `PlanService.consume`, which waits for a concurrent first call and raises it when the
    wait runs out."""
    IDEMPOTENCY_IN_PROGRESS = "idempotency_in_progress"
    IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused"
    IDEMPOTENT_RESPONSE_NOT_STORED = "idempotent_response_not_stored"
    SCOPE_DENIED = "scope_denied"
    REAUTH_REQUIRED = "reauth_required"
    CREDENTIAL_NOT_ALLOWED = "credential_not_allowed"
    STORE_UNAVAILABLE = "store_unavailable"
    STORE_BUSY = "store_busy"
    BUSY = "busy"
    OAUTH_PROVIDER_UNKNOWN = "oauth_provider_unknown"
    OAUTH_STATE_INVALID = "oauth_state_invalid"
    OAUTH_REDIRECT_REFUSED = "oauth_redirect_refused"
    OAUTH_PROVIDER_ERROR = "oauth_provider_error"
    OAUTH_IDENTITY_INVALID = "oauth_identity_invalid"
    OAUTH_ACCOUNT_NOT_LINKED = "oauth_account_not_linked"
    OAUTH_ACCOUNT_LINKED_ELSEWHERE = "oauth_account_linked_elsewhere"
    LAST_SIGN_IN_METHOD = "last_sign_in_method"
    INVALID_SIGN_IN_CODE = "invalid_sign_in_code"
    OAUTH_PROVIDER_UNAVAILABLE = "oauth_provider_unavailable"
    OAUTH_PROVIDER_TIMEOUT = "oauth_provider_timeout"


class FabricAuthError(Exception):
    """Base of every fabric-auth error: catch this to catch them all."""

    status_code: ClassVar[int] = 500
    code: ClassVar[ErrorCode] = ErrorCode.INTERNAL_ERROR
    default_detail: ClassVar[str] = "Internal error"

    reason: str = ""
    """Why, finer than the code, for the audit log only: the client gets `code` and `detail`."""

    def __init__(self, detail: str | None = None, *, headers: dict[str, str] | None = None):
        self.detail = detail or self.default_detail
        self.headers = headers or {}
        super().__init__(self.detail)

    @classmethod
    def because(cls, reason: str, detail: str | None = None) -> Self:
        """The error with its `reason` for the audit log."""
        error = cls(detail)
        error.reason = reason
        return error


class ConfigurationError(FabricAuthError):
    """Settings or wiring are wrong; raised at startup with a message naming the culprit."""

    code = ErrorCode.CONFIGURATION_ERROR
    default_detail = "Invalid configuration"


class MailDeliveryFailed(FabricAuthError):
    """The mail server refused or could not be reached."""

    code = ErrorCode.MAIL_DELIVERY_FAILED
    default_detail = "Mail could not be delivered"


class BadRequest(FabricAuthError):
    status_code = 400
    code = ErrorCode.BAD_REQUEST
    default_detail = "Bad request"


class InvalidInput(BadRequest):
    status_code = 422
    code = ErrorCode.VALIDATION_ERROR
    default_detail = "Invalid input"


class InvalidCharacters(InvalidInput):
    """Text holding NUL or another control character (`fabric_auth.text` says which)."""

    code = ErrorCode.INVALID_CHARACTERS
    default_detail = "Text may not contain NUL or other control characters"


class InvalidIdentifier(InvalidInput):
    """An e-mail address or username holding an invisible character or mixing scripts
    (`fabric_auth.identifiers` says which)."""

    code = ErrorCode.INVALID_IDENTIFIER
    default_detail = "Identifiers may not contain invisible characters or mix scripts"


class InvalidCursor(InvalidInput):
    """A `cursor` this list did not hand out (malformed, of another list, or out of range):
    start again from the first page."""

    code = ErrorCode.INVALID_CURSOR
    default_detail = "Invalid cursor: start again from the first page"


class WeakPassword(InvalidInput):
    code = ErrorCode.WEAK_PASSWORD
    default_detail = "Password does not meet the password policy"


class UnsupportedGrantType(BadRequest):
    code = ErrorCode.UNSUPPORTED_GRANT_TYPE
    default_detail = "Unsupported grant_type"


class InvalidLinkToken(BadRequest):
    code = ErrorCode.INVALID_LINK_TOKEN
    default_detail = "This link is invalid, expired or already used"


class InvalidCurrentPassword(BadRequest):
    code = ErrorCode.INVALID_CURRENT_PASSWORD
    default_detail = "The current password is wrong"


class PayloadTooLarge(BadRequest):
    """The request's body is longer than `max_body_size`; refused by the request middleware
    before the app reads more than that."""

    status_code = 413
    code = ErrorCode.PAYLOAD_TOO_LARGE
    default_detail = "Request body too large"


class AuthenticationFailed(FabricAuthError):
    status_code = 401
    code = ErrorCode.AUTHENTICATION_FAILED
    default_detail = "Authentication failed"

    def __init__(self, detail: str | None = None, *, headers: dict[str, str] | None = None):
        super().__init__(detail, headers={"WWW-Authenticate": "Bearer", **(headers or {})})


class InvalidCredentials(AuthenticationFailed):
    code = ErrorCode.INVALID_CREDENTIALS
    default_detail = "Invalid credentials"


class InvalidToken(AuthenticationFailed):
    code = ErrorCode.INVALID_TOKEN
    default_detail = "Invalid or expired token"


class InvalidRefreshToken(AuthenticationFailed):
    code = ErrorCode.INVALID_REFRESH_TOKEN
    default_detail = "Invalid or expired refresh token"


class NotAuthenticated(AuthenticationFailed):
    code = ErrorCode.NOT_AUTHENTICATED
    default_detail = "Not authenticated"


class Forbidden(FabricAuthError):
    status_code = 403
    code = ErrorCode.FORBIDDEN
    default_detail = "Forbidden"


class CsrfFailed(Forbidden):
    code = ErrorCode.CSRF_FAILED
    default_detail = "Missing or invalid CSRF token"


class RegistrationClosed(Forbidden):
    code = ErrorCode.REGISTRATION_CLOSED
    default_detail = "Registration is closed"


class EmailNotVerified(Forbidden):
    code = ErrorCode.EMAIL_NOT_VERIFIED
    default_detail = "Verify your email address before signing in"


class NotFound(FabricAuthError):
    status_code = 404
    code = ErrorCode.NOT_FOUND
    default_detail = "Not found"


class MethodNotAllowed(FabricAuthError):
    """The path exists, not with this method; `Allow` lists the methods it has."""

    status_code = 405
    code = ErrorCode.METHOD_NOT_ALLOWED
    default_detail = "Method not allowed"


class Conflict(FabricAuthError):
    status_code = 409
    code = ErrorCode.CONFLICT
    default_detail = "Conflict"


class AlreadyExists(Conflict):
    code = ErrorCode.ALREADY_EXISTS
    default_detail = "Already exists"


class TooManyRequests(FabricAuthError):
    """Come back later: `retry_after` seconds, sent as `Retry-After`."""

    status_code = 429
    code = ErrorCode.TOO_MANY_REQUESTS
    default_detail = "Too many requests"

    def __init__(
        self,
        detail: str | None = None,
        *,
        retry_after: int,
        headers: dict[str, str] | None = None,
    ):
        self.retry_after = max(1, retry_after)
        super().__init__(detail, headers={"Retry-After": str(self.retry_after), **(headers or {})})


class RateLimited(TooManyRequests):
    code = ErrorCode.RATE_LIMITED
    default_detail = "Rate limit exceeded"


class AccountLocked(TooManyRequests):
    code = ErrorCode.ACCOUNT_LOCKED
    default_detail = "Too many failed sign-ins: try again later"


class PermissionDenied(Forbidden):
    code = ErrorCode.PERMISSION_DENIED
    default_detail = "Permission denied"


class ScopeDenied(PermissionDenied):
    """The API key's owner holds the permission, the key's scopes do not."""

    code = ErrorCode.SCOPE_DENIED
    default_detail = "The API key's scopes do not allow this"


class ReauthRequired(AuthenticationFailed):
    """Changing a secret or the account's identity needs the current password or a recent
    sign-in (`AuthSettings.reauth_window`)."""

    code = ErrorCode.REAUTH_REQUIRED
    default_detail = "Sign in again (or give the current password) to do this"

    def __init__(self, detail: str | None = None, *, headers: dict[str, str] | None = None):
        # RFC 9470 (step-up authentication): the client should sign the user in again.
        challenge = 'Bearer error="insufficient_user_authentication"'
        super().__init__(detail, headers={**(headers or {}), "WWW-Authenticate": challenge})


class CredentialNotAllowed(Forbidden):
    """This kind of credential may never do this (an API key changing a password)."""

    code = ErrorCode.CREDENTIAL_NOT_ALLOWED
    default_detail = "This credential cannot do this: sign in interactively"


class EscalationDenied(Forbidden):
    """The change would give or touch more than the caller holds."""

    code = ErrorCode.ESCALATION_DENIED
    default_detail = "You cannot grant or change permissions you do not hold"


class UnknownPermission(InvalidInput):
    code = ErrorCode.UNKNOWN_PERMISSION
    default_detail = "Unknown permission"


class UnknownEventType(InvalidInput):
    """A webhook endpoint asked for an event type no registered event class has."""

    code = ErrorCode.UNKNOWN_EVENT_TYPE
    default_detail = "Unknown event type"


class WebhookUrlRefused(InvalidInput):
    """A webhook URL fabric-auth will not call: not https, or a private or loopback address
    (`services.events.targets`)."""

    code = ErrorCode.WEBHOOK_URL_REFUSED
    default_detail = "This webhook URL is refused"


class LastSystemAdmin(Forbidden):
    code = ErrorCode.LAST_SYSTEM_ADMIN
    default_detail = "The last system administrator cannot be removed"


class BuiltinRole(Conflict):
    code = ErrorCode.BUILTIN_ROLE
    default_detail = "Built-in roles cannot be deleted"


class TooManyApiKeys(Conflict):
    """The owner already has `max_api_keys_per_subject` live keys: revoke one first."""

    code = ErrorCode.TOO_MANY_API_KEYS
    default_detail = "Too many live API keys: revoke one first"


class InvalidApiKey(AuthenticationFailed):
    """One answer for every key that does not work: malformed, unknown, expired or revoked."""

    code = ErrorCode.INVALID_API_KEY
    default_detail = "Invalid API key"


class QuotaExceeded(TooManyRequests):
    """The subject's plan allows no more of a feature this period. `retry_after` is the time
    until the period resets; `None` (a lifetime limit) sends no `Retry-After`."""

    code = ErrorCode.QUOTA_EXCEEDED
    default_detail = "Quota exceeded"

    def __init__(
        self,
        detail: str | None = None,
        *,
        retry_after: int | None,
        headers: dict[str, str] | None = None,
    ):
        if retry_after is not None:
            super().__init__(detail, retry_after=retry_after, headers=headers)
            return
        self.retry_after = 0
        FabricAuthError.__init__(self, detail, headers=headers)


class FeatureNotAvailable(Forbidden):
    """The subject's plan does not include the feature."""

    code = ErrorCode.FEATURE_NOT_AVAILABLE
    default_detail = "Your plan does not include this feature"


class IdempotencyKeyInUse(Conflict):
    """A consumption with the same idempotency key is still being decided
    (`PlanService.consume` waited for it in vain)."""

    code = ErrorCode.IDEMPOTENCY_KEY_IN_USE
    default_detail = "A request with this idempotency key is still in progress"


class IdempotencyInProgress(Conflict):
    """The first request with this idempotency key is still being served: answered at once,
    with `Retry-After`, rather than holding the retry open."""

    code = ErrorCode.IDEMPOTENCY_IN_PROGRESS
    default_detail = "A request with this idempotency key is still in progress: retry later"

    def __init__(self, detail: str | None = None, *, retry_after: int = 1):
        super().__init__(detail, headers={"Retry-After": str(max(1, retry_after))})


class IdempotencyKeyReused(InvalidInput):
    """The idempotency key was first used for another request (method, path, query or body)."""

    code = ErrorCode.IDEMPOTENCY_KEY_REUSED
    default_detail = "This idempotency key was used for a different request"


class IdempotentResponseNotStored(Conflict):
    """The first request with this idempotency key was served, but its response was too large
    to keep, so a retry can neither be replayed nor run again."""

    code = ErrorCode.IDEMPOTENT_RESPONSE_NOT_STORED
    default_detail = (
        "The request with this idempotency key was already served; its response was too large"
        " to store for replay"
    )


class IdempotentReplay(Exception):
    """A retry answered with the stored response of the first request with its idempotency
    key: `status`, `headers` (name, value) and `body`, as the first request was answered."""

    def __init__(self, status: int, headers: tuple[tuple[str, str], ...], body: bytes):
        self.status = status
        self.headers = headers
        self.body = body
        super().__init__(f"idempotent replay ({status})")


class StoreUnavailable(FabricAuthError):
    """The store could not be reached, or failed: nothing says the request took effect or not.
    Raised by `store.errors` for the store's connection and server errors."""

    status_code = 503
    code = ErrorCode.STORE_UNAVAILABLE
    default_detail = "The store is unavailable: try again shortly"

    def __init__(self, detail: str | None = None, *, headers: dict[str, str] | None = None):
        super().__init__(detail, headers={"Retry-After": "1", **(headers or {})})


class StoreBusy(StoreUnavailable):
    """The store gave up on the change for a concurrent one (deadlock, serialization failure,
    lock timeout, SQLite busy) and rolled it back: nothing of it took effect, so it can be sent
    again as it is."""

    code = ErrorCode.STORE_BUSY
    default_detail = "The store is busy with concurrent changes: nothing was changed, try again"


class HashingBusy(FabricAuthError):
    """Every password-hashing thread is busy and the queue before them is full: the request was
    refused before any of it took effect, so it can be sent again as it is, after
    `Retry-After`."""

    status_code = 503
    code = ErrorCode.BUSY
    default_detail = "Too many password checks at once: try again shortly"

    def __init__(self, detail: str | None = None, *, retry_after: int = 1):
        self.retry_after = max(1, retry_after)
        super().__init__(detail, headers={"Retry-After": str(self.retry_after)})


# --- OAuth / OpenID Connect sign-in (`services.oauth`) ----------------------------------------


class OAuthProviderUnknown(NotFound):
    code = ErrorCode.OAUTH_PROVIDER_UNKNOWN
    default_detail = "No such sign-in provider"


class OAuthStateInvalid(BadRequest):
    """The callback's `state` is missing, unknown, expired, already used, or was started in
    another browser: one answer for all, so a probe learns nothing."""

    code = ErrorCode.OAUTH_STATE_INVALID
    default_detail = "This sign-in is invalid or expired: start again"


class OAuthRedirectRefused(BadRequest):
    code = ErrorCode.OAUTH_REDIRECT_REFUSED
    default_detail = "redirect_to is not an allowed destination"


class OAuthProviderError(BadRequest):
    """The provider sent the browser back with an error (the user declined, say)."""

    code = ErrorCode.OAUTH_PROVIDER_ERROR
    default_detail = "The provider did not complete the sign-in"


class OAuthIdentityInvalid(AuthenticationFailed):
    """The provider's answer does not prove who signed in: the code was refused, or the ID
    token failed a check (signature, algorithm, issuer, audience, nonce, expiry)."""

    code = ErrorCode.OAUTH_IDENTITY_INVALID
    default_detail = "The provider's answer could not be verified"


class InvalidSignInCode(AuthenticationFailed):
    code = ErrorCode.INVALID_SIGN_IN_CODE
    default_detail = "This sign-in code is invalid, expired or already used"


class OAuthAccountNotLinked(Forbidden):
    """No account is linked to this identity and none may be created or linked for it (just-in-
    time provisioning off, or an email the provider does not assert verified): one answer for
    every reason."""

    code = ErrorCode.OAUTH_ACCOUNT_NOT_LINKED
    default_detail = (
        "No account is linked to this sign-in: sign in another way and link it from your account"
    )


class OAuthAccountLinkedElsewhere(Conflict):
    code = ErrorCode.OAUTH_ACCOUNT_LINKED_ELSEWHERE
    default_detail = "This provider account is already linked to another account"


class LastSignInMethod(Conflict):
    code = ErrorCode.LAST_SIGN_IN_METHOD
    default_detail = (
        "This is the account's last way to sign in: set a password or link another first"
    )


class OAuthProviderUnavailable(FabricAuthError):
    """The provider could not be reached or answered something unusable."""

    status_code = 502
    code = ErrorCode.OAUTH_PROVIDER_UNAVAILABLE
    default_detail = "The sign-in provider is unavailable: try again later"


class OAuthProviderTimeout(OAuthProviderUnavailable):
    status_code = 504
    code = ErrorCode.OAUTH_PROVIDER_TIMEOUT
    default_detail = "The sign-in provider did not answer in time: try again later"
