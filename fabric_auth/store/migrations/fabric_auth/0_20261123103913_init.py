"""fabric-auth migration 0: init.

Written by `fabric-auth db makemigration`; holds the SQL of every supported dialect.
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

SQL = {
    "sqlite": {
        "upgrade": 'CREATE TABLE "fabric_auth_audit_events" (\n'
        '    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,\n'
        '    "occurred_at" TIMESTAMP NOT NULL,\n'
        '    "action" VARCHAR(64) NOT NULL,\n'
        '    "outcome" VARCHAR(16) NOT NULL,\n'
        '    "actor_type" VARCHAR(32),\n'
        '    "actor_id" VARCHAR(64),\n'
        '    "target_type" VARCHAR(32),\n'
        '    "target_id" VARCHAR(64),\n'
        '    "ip_address" VARCHAR(64) NOT NULL,\n'
        '    "user_agent" VARCHAR(512) NOT NULL,\n'
        '    "details" JSON NOT NULL\n'
        ") /* One security event, written in the same transaction as the change "
        "it records. */;\n"
        'CREATE INDEX "idx_fabric_auth_occurre_5b27b1" ON '
        '"fabric_auth_audit_events" ("occurred_at");\n'
        'CREATE INDEX "idx_fabric_auth_action_f111a6" ON '
        '"fabric_auth_audit_events" ("action");\n'
        'CREATE INDEX "idx_fabric_auth_actor_i_0bc0c0" ON '
        '"fabric_auth_audit_events" ("actor_id");\n'
        'CREATE INDEX "idx_fabric_auth_target__3003c6" ON '
        '"fabric_auth_audit_events" ("target_id");\n'
        'CREATE TABLE "fabric_auth_login_throttles" (\n'
        '    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,\n'
        '    "scope" VARCHAR(16) NOT NULL,\n'
        '    "key" VARCHAR(400) NOT NULL,\n'
        '    "attempts" INT NOT NULL,\n'
        '    "failures" INT NOT NULL,\n'
        '    "lockouts" INT NOT NULL,\n'
        '    "locked_until" TIMESTAMP,\n'
        '    "last_attempt_at" TIMESTAMP NOT NULL,\n'
        '    CONSTRAINT "uid_fabric_auth_scope_eb6409" UNIQUE ("scope", "key")\n'
        ") /* Failed sign-ins against one account or from one client address, "
        "and its lock. */;\n"
        'CREATE TABLE "fabric_auth_revocations" (\n'
        '    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,\n'
        '    "subject_type" VARCHAR(16) NOT NULL,\n'
        '    "subject_id" CHAR(36) NOT NULL,\n'
        '    "revoked_at" TIMESTAMP NOT NULL,\n'
        '    "expires_at" TIMESTAMP NOT NULL\n'
        ") /* A session or user whose access tokens must stop working before "
        "they expire. */;\n"
        'CREATE INDEX "idx_fabric_auth_expires_910f62" ON '
        '"fabric_auth_revocations" ("expires_at");\n'
        'CREATE TABLE "fabric_auth_users" (\n'
        '    "id" CHAR(36) NOT NULL PRIMARY KEY,\n'
        '    "email" VARCHAR(320) NOT NULL,\n'
        '    "email_normalized" VARCHAR(320) NOT NULL UNIQUE,\n'
        '    "username" VARCHAR(150),\n'
        '    "username_normalized" VARCHAR(150) UNIQUE,\n'
        '    "display_name" VARCHAR(200) NOT NULL,\n'
        '    "password_hash" VARCHAR(255),\n'
        '    "is_active" INT NOT NULL,\n'
        '    "is_verified" INT NOT NULL,\n'
        '    "is_system_admin" INT NOT NULL,\n'
        '    "profile" JSON NOT NULL,\n'
        '    "created_at" TIMESTAMP NOT NULL,\n'
        '    "updated_at" TIMESTAMP NOT NULL,\n'
        '    "last_login_at" TIMESTAMP\n'
        ");\n"
        'CREATE TABLE "fabric_auth_link_tokens" (\n'
        '    "token_hash" VARCHAR(64) NOT NULL PRIMARY KEY,\n'
        '    "purpose" VARCHAR(32) NOT NULL,\n'
        '    "email" VARCHAR(320) NOT NULL,\n'
        '    "password_fingerprint" VARCHAR(64) NOT NULL,\n'
        '    "created_at" TIMESTAMP NOT NULL,\n'
        '    "expires_at" TIMESTAMP NOT NULL,\n'
        '    "used_at" TIMESTAMP,\n'
        '    "user_id" CHAR(36) NOT NULL REFERENCES "fabric_auth_users" ("id") '
        "ON DELETE CASCADE\n"
        ") /* A single-use token mailed as a link: password reset, email "
        "verification, activation. */;\n"
        'CREATE INDEX "idx_fabric_auth_user_id_e96c4b" ON '
        '"fabric_auth_link_tokens" ("user_id", "purpose");\n'
        'CREATE TABLE "fabric_auth_sessions" (\n'
        '    "id" CHAR(36) NOT NULL PRIMARY KEY,\n'
        '    "salt" VARCHAR(64) NOT NULL,\n'
        '    "generation" INT NOT NULL,\n'
        '    "rotated_at" TIMESTAMP,\n'
        '    "created_at" TIMESTAMP NOT NULL,\n'
        '    "last_used_at" TIMESTAMP NOT NULL,\n'
        '    "expires_at" TIMESTAMP NOT NULL,\n'
        '    "revoked_at" TIMESTAMP,\n'
        '    "revoked_reason" VARCHAR(64),\n'
        '    "user_agent" VARCHAR(512) NOT NULL,\n'
        '    "ip_address" VARCHAR(64) NOT NULL,\n'
        '    "user_id" CHAR(36) NOT NULL REFERENCES "fabric_auth_users" ("id") '
        "ON DELETE CASCADE\n"
        ") /* A sign-in: one refresh-token family, listed to and revocable by "
        "its user. */;\n"
        'CREATE INDEX "idx_fabric_auth_user_id_b316cf" ON '
        '"fabric_auth_sessions" ("user_id", "revoked_at");\n'
        'CREATE TABLE "fabric_auth_refresh_tokens" (\n'
        '    "token_hash" VARCHAR(64) NOT NULL PRIMARY KEY,\n'
        '    "generation" INT NOT NULL,\n'
        '    "created_at" TIMESTAMP NOT NULL,\n'
        '    "session_id" CHAR(36) NOT NULL REFERENCES "fabric_auth_sessions" '
        '("id") ON DELETE CASCADE\n'
        ") /* One issued refresh token, kept as SHA-256 only, to find its "
        "session and spot reuse. */;\n"
        'CREATE TABLE IF NOT EXISTS "aerich" (\n'
        '    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,\n'
        '    "version" VARCHAR(255) NOT NULL,\n'
        '    "app" VARCHAR(100) NOT NULL,\n'
        '    "content" JSON NOT NULL\n'
        ");",
        "downgrade": 'DROP TABLE IF EXISTS "fabric_auth_audit_events";\n'
        'DROP TABLE IF EXISTS "fabric_auth_link_tokens";\n'
        'DROP TABLE IF EXISTS "fabric_auth_login_throttles";\n'
        'DROP TABLE IF EXISTS "fabric_auth_refresh_tokens";\n'
        'DROP TABLE IF EXISTS "fabric_auth_revocations";\n'
        'DROP TABLE IF EXISTS "fabric_auth_sessions";\n'
        'DROP TABLE IF EXISTS "fabric_auth_users";',
    },
    "postgres": {
        "upgrade": 'CREATE TABLE "fabric_auth_audit_events" (\n'
        '    "id" BIGSERIAL NOT NULL PRIMARY KEY,\n'
        '    "occurred_at" TIMESTAMPTZ NOT NULL,\n'
        '    "action" VARCHAR(64) NOT NULL,\n'
        '    "outcome" VARCHAR(16) NOT NULL,\n'
        '    "actor_type" VARCHAR(32),\n'
        '    "actor_id" VARCHAR(64),\n'
        '    "target_type" VARCHAR(32),\n'
        '    "target_id" VARCHAR(64),\n'
        '    "ip_address" VARCHAR(64) NOT NULL,\n'
        '    "user_agent" VARCHAR(512) NOT NULL,\n'
        '    "details" JSONB NOT NULL\n'
        ");\n"
        'CREATE INDEX "idx_fabric_auth_occurre_5b27b1" ON '
        '"fabric_auth_audit_events" ("occurred_at");\n'
        'CREATE INDEX "idx_fabric_auth_action_f111a6" ON '
        '"fabric_auth_audit_events" ("action");\n'
        'CREATE INDEX "idx_fabric_auth_actor_i_0bc0c0" ON '
        '"fabric_auth_audit_events" ("actor_id");\n'
        'CREATE INDEX "idx_fabric_auth_target__3003c6" ON '
        '"fabric_auth_audit_events" ("target_id");\n'
        'COMMENT ON TABLE "fabric_auth_audit_events" IS \'One security event, '
        "written in the same transaction as the change it records.';\n"
        'CREATE TABLE "fabric_auth_login_throttles" (\n'
        '    "id" BIGSERIAL NOT NULL PRIMARY KEY,\n'
        '    "scope" VARCHAR(16) NOT NULL,\n'
        '    "key" VARCHAR(400) NOT NULL,\n'
        '    "attempts" INT NOT NULL,\n'
        '    "failures" INT NOT NULL,\n'
        '    "lockouts" INT NOT NULL,\n'
        '    "locked_until" TIMESTAMPTZ,\n'
        '    "last_attempt_at" TIMESTAMPTZ NOT NULL,\n'
        '    CONSTRAINT "uid_fabric_auth_scope_eb6409" UNIQUE ("scope", '
        '"key")\n'
        ");\n"
        'COMMENT ON TABLE "fabric_auth_login_throttles" IS \'Failed sign-ins '
        "against one account or from one client address, and its lock.';\n"
        'CREATE TABLE "fabric_auth_revocations" (\n'
        '    "id" BIGSERIAL NOT NULL PRIMARY KEY,\n'
        '    "subject_type" VARCHAR(16) NOT NULL,\n'
        '    "subject_id" UUID NOT NULL,\n'
        '    "revoked_at" TIMESTAMPTZ NOT NULL,\n'
        '    "expires_at" TIMESTAMPTZ NOT NULL\n'
        ");\n"
        'CREATE INDEX "idx_fabric_auth_expires_910f62" ON '
        '"fabric_auth_revocations" ("expires_at");\n'
        'COMMENT ON TABLE "fabric_auth_revocations" IS \'A session or user '
        "whose access tokens must stop working before they expire.';\n"
        'CREATE TABLE "fabric_auth_users" (\n'
        '    "id" UUID NOT NULL PRIMARY KEY,\n'
        '    "email" VARCHAR(320) NOT NULL,\n'
        '    "email_normalized" VARCHAR(320) NOT NULL UNIQUE,\n'
        '    "username" VARCHAR(150),\n'
        '    "username_normalized" VARCHAR(150) UNIQUE,\n'
        '    "display_name" VARCHAR(200) NOT NULL,\n'
        '    "password_hash" VARCHAR(255),\n'
        '    "is_active" BOOL NOT NULL,\n'
        '    "is_verified" BOOL NOT NULL,\n'
        '    "is_system_admin" BOOL NOT NULL,\n'
        '    "profile" JSONB NOT NULL,\n'
        '    "created_at" TIMESTAMPTZ NOT NULL,\n'
        '    "updated_at" TIMESTAMPTZ NOT NULL,\n'
        '    "last_login_at" TIMESTAMPTZ\n'
        ");\n"
        'CREATE TABLE "fabric_auth_link_tokens" (\n'
        '    "token_hash" VARCHAR(64) NOT NULL PRIMARY KEY,\n'
        '    "purpose" VARCHAR(32) NOT NULL,\n'
        '    "email" VARCHAR(320) NOT NULL,\n'
        '    "password_fingerprint" VARCHAR(64) NOT NULL,\n'
        '    "created_at" TIMESTAMPTZ NOT NULL,\n'
        '    "expires_at" TIMESTAMPTZ NOT NULL,\n'
        '    "used_at" TIMESTAMPTZ,\n'
        '    "user_id" UUID NOT NULL REFERENCES "fabric_auth_users" ("id") ON '
        "DELETE CASCADE\n"
        ");\n"
        'CREATE INDEX "idx_fabric_auth_user_id_e96c4b" ON '
        '"fabric_auth_link_tokens" ("user_id", "purpose");\n'
        'COMMENT ON TABLE "fabric_auth_link_tokens" IS \'A single-use token '
        "mailed as a link: password reset, email verification, activation.';\n"
        'CREATE TABLE "fabric_auth_sessions" (\n'
        '    "id" UUID NOT NULL PRIMARY KEY,\n'
        '    "salt" VARCHAR(64) NOT NULL,\n'
        '    "generation" INT NOT NULL,\n'
        '    "rotated_at" TIMESTAMPTZ,\n'
        '    "created_at" TIMESTAMPTZ NOT NULL,\n'
        '    "last_used_at" TIMESTAMPTZ NOT NULL,\n'
        '    "expires_at" TIMESTAMPTZ NOT NULL,\n'
        '    "revoked_at" TIMESTAMPTZ,\n'
        '    "revoked_reason" VARCHAR(64),\n'
        '    "user_agent" VARCHAR(512) NOT NULL,\n'
        '    "ip_address" VARCHAR(64) NOT NULL,\n'
        '    "user_id" UUID NOT NULL REFERENCES "fabric_auth_users" ("id") ON '
        "DELETE CASCADE\n"
        ");\n"
        'CREATE INDEX "idx_fabric_auth_user_id_b316cf" ON '
        '"fabric_auth_sessions" ("user_id", "revoked_at");\n'
        'COMMENT ON TABLE "fabric_auth_sessions" IS \'A sign-in: one '
        "refresh-token family, listed to and revocable by its user.';\n"
        'CREATE TABLE "fabric_auth_refresh_tokens" (\n'
        '    "token_hash" VARCHAR(64) NOT NULL PRIMARY KEY,\n'
        '    "generation" INT NOT NULL,\n'
        '    "created_at" TIMESTAMPTZ NOT NULL,\n'
        '    "session_id" UUID NOT NULL REFERENCES "fabric_auth_sessions" '
        '("id") ON DELETE CASCADE\n'
        ");\n"
        'COMMENT ON TABLE "fabric_auth_refresh_tokens" IS \'One issued '
        "refresh token, kept as SHA-256 only, to find its session and spot "
        "reuse.';\n"
        'CREATE TABLE IF NOT EXISTS "aerich" (\n'
        '    "id" SERIAL NOT NULL PRIMARY KEY,\n'
        '    "version" VARCHAR(255) NOT NULL,\n'
        '    "app" VARCHAR(100) NOT NULL,\n'
        '    "content" JSONB NOT NULL\n'
        ");",
        "downgrade": 'DROP TABLE IF EXISTS "fabric_auth_audit_events";\n'
        'DROP TABLE IF EXISTS "fabric_auth_link_tokens";\n'
        'DROP TABLE IF EXISTS "fabric_auth_login_throttles";\n'
        'DROP TABLE IF EXISTS "fabric_auth_refresh_tokens";\n'
        'DROP TABLE IF EXISTS "fabric_auth_revocations";\n'
        'DROP TABLE IF EXISTS "fabric_auth_sessions";\n'
        'DROP TABLE IF EXISTS "fabric_auth_users";',
    },
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.schema_generator.DIALECT]["upgrade"]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.schema_generator.DIALECT]["downgrade"]


MODELS_STATE = (
    "eJztXW1z4jgS/isqPmWqCJWQl5mduroqkmFucptJthJye7WTLUfYAnQYibXkMNxe/vt1yw"
    "ZsYxPMAAGvv6RA1iOLp9tyv0n5s9KhbY/bFvV1r9bwHa6bz0zoykfyZ0XQAYMPWV2qpEKH"
    "w0QHbNW07SaB8AeAFkOkMtC20h618U4d6ioGTQ5TtseHmkuB6FvBiGK273E9JgZYJSP4op"
    "kgXBDdg8swQwLDCAUjAYxQZdrtHhVdRrgmHrOl56ga3tKRNtyTi+5GRvcF/8NnlpZdBp08"
    "uMe336GZC4d9Z2ryddi3Opy5Toxg7uAApt3S46Fpu+DdK6E/m74497ZlS9cfiFn/4Vj3pJ"
    "gCeCCSLhPMo5rhHbTnI6/Cd91QJBOqg8nOugSzjGAc1qG+i9JBdDCBWVvFsm5uW9Z9s2VZ"
    "lTnJTRARusMmWwqUOkcdQAK6OIXDn+r1k5P39aOT8w9np+/fn304+gB9zXznL71/CSYzYy"
    "sYynB29Y+rmxZOSIJqBTqIDS8GQzUNUEYYM/alDVrgMceiel4Mn4BKzQcsXRAJaEIiToit"
    "TT4k5TORxiIBTRreRkILyG5dfW3etxpff8HhB0r94Rq+Gq0mXqmb1nGi9eD8XVw600HIr1"
    "etLwS/kt9ub5qGTal01zN3nPVr/VbBOcGSIi0hRxZ1okROmidN0HUm5+AhnhfxZY966eKd"
    "IRKSBYr2T5aVAf1uuUx0YZX+SM5PF8j2X427yy+Nu4Pz04S8bsIrdXPpJcav9LUtAyVflu"
    "AIZFMMz14uW6f4+HwJio+Tj8SMYrz0klRh6QUc5VPjCGolokM93U2eT+pL8HxSz+QZL6Xx"
    "nPZafo3l1Ffzujgu0mqhqQeGUm5dTsBKZX5dmUPK8mlzDFSq86vqzIdoioC1ovKwHEdt7x"
    "VYqewpzb5inkW7ofu5LM1xVOFoPjteZs2AXplEm2txph2mKXdTtPmf97c36TRHIElPiNua"
    "/I+4XM35qGvj+m8dXwRuetvnruZC1fC2f9+UDBZQjhTFvKIJ0wdfG/9OCuHy+vYi6e7gAB"
    "cgEIwYdPoRrxUb2tTuj6jnWHNXZF1m9Z2/NKgPki1UwEPihL8Yf1808nPNRb8l+0xUsmJD"
    "sx7VXKEhF3CWRuCSkaEGUSAZlx3Cg00MkAxA85iDERpKcLyPZEiVGknPIcAp01XCsAt5Zh"
    "7vcJviUFWCDt6z+TwfINrETR7Fo7gV7phwrcj9l8Zh/eyccEUUmI7MqZFLUDF/ALfF4BK0"
    "S8EIqJ3DEU1d8vTwC7rSpFarkV+/NO+aBCaH0Qdydf8obh6ur5+qREmYXjBhmFofR7EZ6c"
    "kRg3nBbxBjmC08WArmMMR5C423g0GmQa8BOGVCLxnW+hasr6Gp4HugyKzye2awy8zM6lHV"
    "y2WPxFDrWcLfNva1kTdldpRrIpgcnEcgBfTO129om4c/D8FTQCHpPVqK36MFBB8lGZ4stz"
    "Cm6DJv6PF8hmAWvoD8r9/2tj2GZKwQJo8jtxMl3yr1RQqTs+9DDsOtIOY4shTzTos5NBzz"
    "yjgCW4OAdywSVzD5pkewHx6uPi0Ik6RG/HyfOzUEFuuhDUyQQEpR/s0vTfG+4+zOU/sZvD"
    "jeFT+zsSH4CuZBwfdKITTqNj+EY+0nr7PW2fPs0dHU8YtqFRDgMJfpwEpr3F82PjUrL28Z"
    "05BdLlo9T2ptOM6Ia8R6VfPFNhBr6RC8ZHzjcxBnUKBLh1woQrvAr9ImHEBtW/rgsUuPdD"
    "w5CEIELkcnPgwlVwkVjokwuNLuzwc21jo6RjSaz8wbT6tiMDiSErN4IgeKMfIE2vDMbaZq"
    "CJe+fnpnIhbmthj4gEdmrAj7DgQ9ilHPRF3EmFCt2WAId6Wex58ZRiswrFElWJYD14U/aD"
    "OPyA7h4VOXWZXzraJsGaSP+mwcRCrKKp1dr9KZymxZX28KKKBzt/7KAnwScpAbdi8gtadH"
    "y8QtoFcmueZaop4gXL3mKc5cPaKQ19eQddF8tNk1pH58+v70w8n56XTpmLYsWjEmq0P09c"
    "xd32N5CI1CSkKThIZv4zyERiEloWmEgquMVk1KTHixk53Elp72LnvaLlXaCpfrFSIqKfAy"
    "dLZzAt+lTPwd68Cv6S1Oxsc6VXP5rF4AzZWSx+0UXCmfYSrcwIMUdJX02VBjynyS7pbCHV"
    "fhIunw0JFU4Faa7RXwXQ0lbqvwFUvfsrGBe/zAxo0yl/0mueyQnNRq/kxzJQ7ansGyec98"
    "bTZLmeEr7PsrKuZwLcyZHYijygTB4gRByNa6cgT3s+H2k91X0wRx9dq5TMEde5ZBQd8Ci2"
    "vaJa+9NQEuX/8YmjPSwwpAj4x6UpnoPbQHRpEiA19prCwcmjJAjK23WQe0D8v8xiRI1qeW"
    "Pa5rbMwN3DHqkLbZYeuNp7F5ckARTj2NBlmVjDhovq/JHXO4qmL/oXRdGPYdQMCMQwuOi8"
    "MBG0gYRTENY9/JEWYDGE7SxamZMsenWRHCEznAgkb0r8KCxmldZGhFzuZMZjJ4FLb0XbAS"
    "wfl2oQt5pi533hGw10y5J3OCFAjeeuh7oDI4gCj3AO91dsFv/4fZ+bcjJXEFDIivP9cwIS"
    "2n/RFDlfZHglRcwPor2e5xZGm777Ttvl/VeeVRBfsZYZy4G1mmbsQdyWHnhoZljk0+pkLl"
    "o6lCCSN+h4EB16EDjiE+3FGGBpg0JllgxMGd0YJEmxHt1/SdPWsbOef+mMhim71FJt+Lcf"
    "0vxNcNwshuO3Mn/HP6FlvtXn1DLrD5qJtr88CkfwFtvPVvFtirEO2+5JQ9qVeMz8aRZT55"
    "117+ZRT+Lydmk/dfcRdGEluKeqdFvV9OWynmFcW8QyGY8vW8cSnDu1blO05wHlm846vKI3"
    "+2QvNGjvwpz7DankKXOzPLnZlvXXLxAzszo6/DZLFoIocd4j//fMfcrNjOosLVgpD/svGg"
    "vdHWrIj9RJVzhOtRPZaL1WeTs+aCiDIIvu4geHlm0abPLDKEgTfhDajL/8tyncKahi1cvf"
    "hGWMfFy3zO6TNMMMXzzI7PlqEZemVX8pxl0ryifmfA10L+Dmn4Rqh3uBq6dGzl1fIkrnAe"
    "W32pHdz1BTu46/M7uKcnx+Xd7DMHLN7KUj87W4bws7NswvFaIhihLHNwaopuX0jpMioyDM"
    "EoLsF1G4CbUu7J6rJdy+/i9vY6Fji9uErUvt48fL1owuJiuIdOPPDx5pPLQFxwbm3aEv4a"
    "5VHkFkmftuwz62qsNBtY1BnwlHDya8wn0SX7OdgferLD3ZQlJvuQ8wikPOQ8JoZVDzkvax"
    "+We+fCD3Tw8PDwZbMnObXwvbj4rMKhs6LU48hS6rsi9ZRMajj7RAFMcD7eihUwUXCZNN8d"
    "UecuaI8oRfx/QfxgLiH2Hyn27MnPTCSkbOVeB1fF22K8+ZRLA9weu1fJSrqEl6uvpl3orO"
    "PO5Fr+KjtPf7A6Ozu1Aj5x+hEA2cGiCKSA6ZWNxInwycrBcNi9gOweLxX2PF4Q9jyeD3vC"
    "HXVq5VW2gxyBbN9BfhtzrBj/7+vl//T+l6Q="
)
