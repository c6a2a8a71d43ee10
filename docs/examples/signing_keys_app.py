"""An auth service signing with EdDSA keys kept in the store, publishing them as a JWKS.

Environment: FABRIC_AUTH_SIGNING_ALGORITHM=EdDSA (or ES256). Rotate with
`fabric-auth signing-keys rotate`.
"""

from fastapi import FastAPI

from fabric_auth import AuthSettings, FabricAuth
from fabric_auth.routers import create_auth_router, create_well_known_router


def create_app(settings: AuthSettings | None = None) -> FastAPI:
    auth = FabricAuth(settings)
    app = FastAPI()
    auth.install(app)
    app.include_router(create_auth_router())
    # GET /.well-known/jwks.json and /.well-known/openid-configuration, at the root of the host.
    app.include_router(create_well_known_router())
    return app
