"""Another service verifying the auth service's access tokens locally: only PyJWT needed."""

from fabric_auth.verify import TokenVerificationError, TokenVerifier


def make_verifier(auth_base_url: str) -> TokenVerifier:
    return TokenVerifier(
        f"{auth_base_url}/.well-known/jwks.json",
        issuer="fabric-auth",  # FABRIC_AUTH_JWT_ISSUER of the auth service
        audience="fabric-auth",  # FABRIC_AUTH_JWT_AUDIENCE
        algorithms=["EdDSA", "ES256"],
        min_refresh_interval=60,  # at most one JWKS fetch a minute for unknown kids
    )


async def user_id_of(verifier: TokenVerifier, authorization: str) -> str | None:
    """The caller's user id from an `Authorization: Bearer ...` header, or None (answer 401)."""
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer":
        return None
    try:
        verified = await verifier.averify(token)
    except TokenVerificationError:
        return None
    return verified.subject
