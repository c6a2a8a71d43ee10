"""fabric-auth migration 0: init.

Written by `fabric-auth db makemigration`; holds the SQL of every supported dialect.
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

SQL = {
    "sqlite": {
        "upgrade": 'CREATE TABLE "fabric_auth_audit_chain" (\n'
        '    "id" INT NOT NULL PRIMARY KEY,\n'
        '    "last_seq" BIGINT NOT NULL,\n'
        '    "last_hash" VARCHAR(64) NOT NULL,\n'
        '    "anchor_seq" BIGINT NOT NULL,\n'
        '    "anchor_hash" VARCHAR(64) NOT NULL\n'
        ") /* The single row (id 1) every audit append locks first: it "
        "serializes appends across */;\n"
        'CREATE TABLE "fabric_auth_audit_events" (\n'
        '    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,\n'
        '    "seq" BIGINT NOT NULL UNIQUE,\n'
        '    "occurred_at" TIMESTAMP NOT NULL,\n'
        '    "action" VARCHAR(64) NOT NULL,\n'
        '    "outcome" VARCHAR(16) NOT NULL,\n'
        '    "actor_type" VARCHAR(32),\n'
        '    "actor_id" VARCHAR(64),\n'
        '    "target_type" VARCHAR(32),\n'
        '    "target_id" VARCHAR(64),\n'
        '    "ip_address" VARCHAR(64) NOT NULL,\n'
        '    "user_agent" VARCHAR(512) NOT NULL,\n'
        '    "request_id" VARCHAR(128) NOT NULL,\n'
        '    "details" JSON NOT NULL,\n'
        '    "prev_hash" VARCHAR(64) NOT NULL,\n'
        '    "hash" VARCHAR(64) NOT NULL\n'
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
        'CREATE TABLE "fabric_auth_roles" (\n'
        '    "id" CHAR(36) NOT NULL PRIMARY KEY,\n'
        '    "name" VARCHAR(64) NOT NULL UNIQUE,\n'
        '    "description" VARCHAR(500) NOT NULL,\n'
        '    "permissions" JSON NOT NULL,\n'
        '    "is_builtin" INT NOT NULL,\n'
        '    "created_at" TIMESTAMP NOT NULL,\n'
        '    "updated_at" TIMESTAMP NOT NULL\n'
        ") /* A named set of permission grants (`users:list`, `reports:*`). "
        "*/;\n"
        'CREATE TABLE "fabric_auth_signing_keys" (\n'
        '    "kid" VARCHAR(64) NOT NULL PRIMARY KEY,\n'
        '    "algorithm" VARCHAR(16) NOT NULL,\n'
        '    "public_jwk" JSON NOT NULL,\n'
        '    "private_key_encrypted" TEXT NOT NULL,\n'
        '    "created_at" TIMESTAMP NOT NULL,\n'
        '    "activates_at" TIMESTAMP NOT NULL,\n'
        '    "retired_at" TIMESTAMP\n'
        ") /* An asymmetric access-token signing key. The public half is "
        "published in the JWKS; the */;\n"
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
        '    "last_login_at" TIMESTAMP,\n'
        '    "deactivated_at" TIMESTAMP,\n'
        '    "deactivation_reason" VARCHAR(500),\n'
        '    "deleted_at" TIMESTAMP\n'
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
        'CREATE TABLE "fabric_auth_user_roles" (\n'
        '    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,\n'
        '    "granted_at" TIMESTAMP NOT NULL,\n'
        '    "role_id" CHAR(36) NOT NULL REFERENCES "fabric_auth_roles" ("id") '
        "ON DELETE CASCADE,\n"
        '    "user_id" CHAR(36) NOT NULL REFERENCES "fabric_auth_users" ("id") '
        "ON DELETE CASCADE,\n"
        '    CONSTRAINT "uid_fabric_auth_user_id_2dd3d5" UNIQUE ("user_id", '
        '"role_id")\n'
        ") /* A user holding a role. */;\n"
        'CREATE TABLE IF NOT EXISTS "aerich" (\n'
        '    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,\n'
        '    "version" VARCHAR(255) NOT NULL,\n'
        '    "app" VARCHAR(100) NOT NULL,\n'
        '    "content" JSON NOT NULL\n'
        ");",
        "downgrade": 'DROP TABLE IF EXISTS "fabric_auth_audit_chain";\n'
        'DROP TABLE IF EXISTS "fabric_auth_audit_events";\n'
        'DROP TABLE IF EXISTS "fabric_auth_link_tokens";\n'
        'DROP TABLE IF EXISTS "fabric_auth_login_throttles";\n'
        'DROP TABLE IF EXISTS "fabric_auth_refresh_tokens";\n'
        'DROP TABLE IF EXISTS "fabric_auth_revocations";\n'
        'DROP TABLE IF EXISTS "fabric_auth_signing_keys";\n'
        'DROP TABLE IF EXISTS "fabric_auth_user_roles";\n'
        'DROP TABLE IF EXISTS "fabric_auth_roles";\n'
        'DROP TABLE IF EXISTS "fabric_auth_sessions";\n'
        'DROP TABLE IF EXISTS "fabric_auth_users";',
    },
    "postgres": {
        "upgrade": 'CREATE TABLE "fabric_auth_audit_chain" (\n'
        '    "id" INT NOT NULL PRIMARY KEY,\n'
        '    "last_seq" BIGINT NOT NULL,\n'
        '    "last_hash" VARCHAR(64) NOT NULL,\n'
        '    "anchor_seq" BIGINT NOT NULL,\n'
        '    "anchor_hash" VARCHAR(64) NOT NULL\n'
        ");\n"
        'COMMENT ON TABLE "fabric_auth_audit_chain" IS \'The single row (id '
        "1) every audit append locks first: it serializes appends across';\n"
        'CREATE TABLE "fabric_auth_audit_events" (\n'
        '    "id" BIGSERIAL NOT NULL PRIMARY KEY,\n'
        '    "seq" BIGINT NOT NULL UNIQUE,\n'
        '    "occurred_at" TIMESTAMPTZ NOT NULL,\n'
        '    "action" VARCHAR(64) NOT NULL,\n'
        '    "outcome" VARCHAR(16) NOT NULL,\n'
        '    "actor_type" VARCHAR(32),\n'
        '    "actor_id" VARCHAR(64),\n'
        '    "target_type" VARCHAR(32),\n'
        '    "target_id" VARCHAR(64),\n'
        '    "ip_address" VARCHAR(64) NOT NULL,\n'
        '    "user_agent" VARCHAR(512) NOT NULL,\n'
        '    "request_id" VARCHAR(128) NOT NULL,\n'
        '    "details" JSONB NOT NULL,\n'
        '    "prev_hash" VARCHAR(64) NOT NULL,\n'
        '    "hash" VARCHAR(64) NOT NULL\n'
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
        'CREATE TABLE "fabric_auth_roles" (\n'
        '    "id" UUID NOT NULL PRIMARY KEY,\n'
        '    "name" VARCHAR(64) NOT NULL UNIQUE,\n'
        '    "description" VARCHAR(500) NOT NULL,\n'
        '    "permissions" JSONB NOT NULL,\n'
        '    "is_builtin" BOOL NOT NULL,\n'
        '    "created_at" TIMESTAMPTZ NOT NULL,\n'
        '    "updated_at" TIMESTAMPTZ NOT NULL\n'
        ");\n"
        'COMMENT ON TABLE "fabric_auth_roles" IS \'A named set of permission '
        "grants (`users:list`, `reports:*`).';\n"
        'CREATE TABLE "fabric_auth_signing_keys" (\n'
        '    "kid" VARCHAR(64) NOT NULL PRIMARY KEY,\n'
        '    "algorithm" VARCHAR(16) NOT NULL,\n'
        '    "public_jwk" JSONB NOT NULL,\n'
        '    "private_key_encrypted" TEXT NOT NULL,\n'
        '    "created_at" TIMESTAMPTZ NOT NULL,\n'
        '    "activates_at" TIMESTAMPTZ NOT NULL,\n'
        '    "retired_at" TIMESTAMPTZ\n'
        ");\n"
        'COMMENT ON TABLE "fabric_auth_signing_keys" IS \'An asymmetric '
        "access-token signing key. The public half is published in the JWKS; "
        "the';\n"
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
        '    "last_login_at" TIMESTAMPTZ,\n'
        '    "deactivated_at" TIMESTAMPTZ,\n'
        '    "deactivation_reason" VARCHAR(500),\n'
        '    "deleted_at" TIMESTAMPTZ\n'
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
        'CREATE TABLE "fabric_auth_user_roles" (\n'
        '    "id" BIGSERIAL NOT NULL PRIMARY KEY,\n'
        '    "granted_at" TIMESTAMPTZ NOT NULL,\n'
        '    "role_id" UUID NOT NULL REFERENCES "fabric_auth_roles" ("id") ON '
        "DELETE CASCADE,\n"
        '    "user_id" UUID NOT NULL REFERENCES "fabric_auth_users" ("id") ON '
        "DELETE CASCADE,\n"
        '    CONSTRAINT "uid_fabric_auth_user_id_2dd3d5" UNIQUE ("user_id", '
        '"role_id")\n'
        ");\n"
        'COMMENT ON TABLE "fabric_auth_user_roles" IS \'A user holding a '
        "role.';\n"
        'CREATE TABLE IF NOT EXISTS "aerich" (\n'
        '    "id" SERIAL NOT NULL PRIMARY KEY,\n'
        '    "version" VARCHAR(255) NOT NULL,\n'
        '    "app" VARCHAR(100) NOT NULL,\n'
        '    "content" JSONB NOT NULL\n'
        ");",
        "downgrade": 'DROP TABLE IF EXISTS "fabric_auth_audit_chain";\n'
        'DROP TABLE IF EXISTS "fabric_auth_audit_events";\n'
        'DROP TABLE IF EXISTS "fabric_auth_link_tokens";\n'
        'DROP TABLE IF EXISTS "fabric_auth_login_throttles";\n'
        'DROP TABLE IF EXISTS "fabric_auth_refresh_tokens";\n'
        'DROP TABLE IF EXISTS "fabric_auth_revocations";\n'
        'DROP TABLE IF EXISTS "fabric_auth_signing_keys";\n'
        'DROP TABLE IF EXISTS "fabric_auth_user_roles";\n'
        'DROP TABLE IF EXISTS "fabric_auth_roles";\n'
        'DROP TABLE IF EXISTS "fabric_auth_sessions";\n'
        'DROP TABLE IF EXISTS "fabric_auth_users";',
    },
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.schema_generator.DIALECT]["upgrade"]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.schema_generator.DIALECT]["downgrade"]


MODELS_STATE = (
    "eJztXf9z2jgW/1c0/HLJDckkNKS93M3NkGy6zTZNdhJy3dvNDggsQIttUckmZff6v997sg"
    "22sQkmhoDrX1oi60ny58nS+yr9VenRjuTdFnWdwWHDNbhzMaDcrpyRvyo2tRj8SKtSJRU6"
    "GsUqYKlDO2acEP4BwlZ3StlRjqRdB6r1qKkYFBlMdSUfOVxg95XmgBHF7b7JiBRPZI8b5H"
    "ifsDGTE6IbI9A7sw1iiu5QkR6XyjkjUKyY5NTkfzLl14D/u1Iohf0aogsdQ7Pr6eLR5rZy"
    "qN3FJ0AomcWsDpOKONCXfvu/KYJNwtMqoT2HSULJyJV9gOBpwCTD9m0YTYf1oa1DHLRr8y"
    "8uazmiz6AZCUP/7Xco5rbBvjIV/DkatnqcmUaEd9zABnR5y5mMdNmV7bzXFRGPTqsrTNey"
    "Z5VHE2cg7GltbjtY2mc2k9RhRohjtmuaPq+DIm+oUOBIl03HaMwKDNajrol8R2pvBLOySq"
    "t1c9ts3V82W63K3JwIKEI89Iu6wsb5BGNV+vX7OISD2vHJ25N3b05P3kEVPcxpydtvXtcz"
    "ZDxCjc9Ns/JNP6cO9WpokGeomlQ5LcW+zGN7zvup8Iap8gE5KJihPPuYAkiP1ovxP2q1N2"
    "/e1o7enL6rn7x9W393NAV7/tEi1M+vfkTgoYKAhcFbQAJOxJAfUDWYhx5WJbkA+IAohjy8"
    "0rqQr1TWBb1Fv7ZMZvdhvT0jpycLUP1P4+7iQ+Nu7/RkPwrtjf+kph9FQYb1ayBk9gkepS"
    "un+GpT3Ecx6ySPkZXTPHGa40bZG4YWdSzo0O7wiUqjNfdE1ERa3flHVs2Kl1Cb9jVs+IY4"
    "/jlZ6nLMbGexuOVVWUXcYkiplpO3bm0QhljXldyZEE0IAgn84TCbcFvLLwpGCPs4tRW0BG"
    "SETuUau68FF8m6Qhqe1BIRtXJt/dF+tO/EE0hkQlogPuGc94QrsqcYI22Qz8YcZLBDDUN7"
    "/4y0sU6bdMUYhTFPxBMoTBHvC0J57NFujyQb60+oXdV9+2Sip/9CIZE62PwXckCOoY4ShE"
    "EP8JJVlPXEGH4RIeE3DJThy8PwgOzR7khGhyExEBtyBvAPPF2HkLdonV5WzvNFtm0X8zay"
    "PqcLg5m3yVz3x++GATPARRfWEcmMFnXmgf8BsHO4xZKhj5HGWGD4tIfBj3y2zE1yZAG4za"
    "tPl/fNxqefsXlLqS+mxqvRvMQnNV06iZXuncb202kj5PNV8wPBP8mvtzeXGk2hnL7UPc7q"
    "NX+t4JhgUxItUGtb1AgDGRQHRVFBSG8DmWSgKcW6xJ+Nfl1rFvOF63SFN8mXBThEsjkBc2"
    "MQH58uAfFx/JOYQYyPvsWnMMjkGqNs0zhEtRLQ/jzdTpzf1JbA+U0tFWd8lIRzkhz0HMqJ"
    "slBeGBdptXCoBMk081yOkZWT+fnJ7EOWbTZHiMrp/Ox05iMURUBaUVlQjlKVNpZnYXZBFW"
    "/Rvm/AWBbmKFXhYK4fL7NmQK1UoPWzKNKSwXuqrMtGlKpwSB/X3i0j0tXepct0+CyKtMEc"
    "ys2EdeOn+9ubZJhDJHGdk3cd8j9icrU283jlXz3X9kxqHZebDroVsdt/r4sHCyBHiCL6Z4"
    "D03qfGL3EmXFzfnscVS2zgPMaQqdUuy8yPEBVQmcl/Lc+KcAnuDjkjrrk9bIohSw/9mNWo"
    "ZnJFmEDXcpBwSU9Eww/KOAAxgGhCYsHqyQz0CFCC7Z2REVXqSUgMsVDMqRKGVciYSd7jXY"
    "pNVQmag8b697xDYh2doF/i1jYnhDuK3H9oHNTqp4QrokDRZMYhuYAp5VroFOAOlgubEZhm"
    "6EAQNjVJ++FnNLyRw8ND8vnD5d0lgcGhrZJc3T/aNw/X157LgfoDhqENsZUuIwPxhE4NeA"
    "d7QvxNXZERjtt2sDvtbvCdLJawoHRJr8NvnjTmCwiuhMWYVX5P9UXokWVejKNU+SwYr2sZ"
    "X8tanO6ECBiTZQOckRRwhc5fLdcffxaApwSFhPdoKXyPFgB8FEc4WG6hTbvP5EjybGpjGn"
    "0B8c9fuutKhmCs4FSLUm7Gp7ZR6IvkVGNfRxyaW4HNUcqSzVvNZl9wzMrjEFkODN4yu33B"
    "+Jvs73p4uPphgVE10c7nutw4RMJifbSeCOJxKYy/ftME7TuK7jy070GL4337I5togK/8SP"
    "8EQMNq84Pf1m7iOiudfc+SPk0Vv/CsAgAMZjLHk9Ia9xeNHy4r317TpiH63G4OpHAcjXGK"
    "XSNSq5rNtoG0LccnXtK+8d6zMyiYSwfcVoT2KWaNaHMA7XaFCxq7kKQnheWZCEyOSrzveK"
    "rqxBK0MGBWyrxhI9fW0aJxqYMlgyhMNI4k2Cza8chLJBeu097XFgvdLRo+4JOZKMK+AkCP"
    "9tNAW13sCaGOw6wR9Eql5GOG1go0a1QJhoHCc9vFLBqMw5zm16SZL36rqK7wnM1DNvEsFW"
    "UQ5XbE8C0Iogx4tqyuNyUooHKXfxwSfgkZwPWrFxDak6Nl7BZQKxVc/SwWfeSvXvMQp6fK"
    "hEgKkyjzwny78PbMTVeyLICGSUpA59LmvN04C6BhkhLQJEBBVUapJsEmvFjJjtOWmvY2a9"
    "o6edRfrlewqCSQl6azrWP4Nnni71gP3maw2BkfqVTNpLNKjzSTSx7T97hSLkNXuCb3XNBV"
    "MmQjB13mgbtb2OakCg9Jj/uKpAK1Uqfzwd9qJDCNz1UsOUVwDX28IK+u9GW/ii/bBycx9y"
    "dVXIkSbU5gWb9mnpvMUnr4Crt/hdnsr4UZvQNRqtJBsNhB4KOVl4/gftbcbqL7rJsgOr22"
    "zlNwx8bCC+hbIHFNq2SVtwLC5eMffXFGSIwAlORpIJS23kO5JxQpYrnKwcjCkQ4DRNt6h/"
    "Vg9mGY34R4zvrEsMe82tanMDBqkM7EP1AhsM2TPYrkVDreMVdPHGa+65A7ZnBVxfojYZrQ"
    "7D6QgBiHEhy3DyxmCWhFMefQP9+BQpcwSBOHpsMc27MghDbZw4BG1K/8gMZpXKQvRc7GTG"
    "Y8eLS7wjVBSgTl24QqZExNbuzjGRI63JMZngsEu9bHchnYgF0e0bDT3gW38wfrZk9ejNMV"
    "0CCev68hAC2j/BGhKuWPueyusRiuJLtHKUvZfatl992KzisPNtlRC6NYEA6jH2aUcMXSsS"
    "8Ngn0aKORhNMeISYt78mhfUmA12WujVKrOMCGyXSVtyUZCOurs7+39JGn2ha3lLNGlb2/5"
    "b2vPi3WhvE/dE/5z8hpJn8/uc+mSm/4/g8QW1C/Nrilm13Aa82xYGRCOkRUuZby+VIRIfU"
    "GESH0+QmS2MmVKG4+RbUfqOPZXmNRxrlr+iyXo5wL2NWqnLOgRwhhnOkC5LpZMSzaL/vnt"
    "7XUE/fOrmBp+8/Dp/BJ0Rc0KqMSdiHZe+iGWWYrgBQ1MIfb3mh2Rev1tcXHGwshYketRyp"
    "Lr28L1BF1Hjz6DqhNLaMGs+4QN8tynff/xjplpPt54zkWgx+zYXEhzqHxbu1YYOKHSFMOQ"
    "kyqDbui7GzIc/aDzFs50boIfB3LgmfV71OIY+IECCJrlhX/FBpr2oWf0K6AnAWdS8nkPub"
    "Wc8dSEkAku/eCEUp/chD6pqJkppTyoX0DLf/4a5U4F7uxKpLEUzopyU5SyjDLeHjFpXjou"
    "daLvgs06GnzF3Pw4bcnqrWb1brnySjavyOYtcsyX2/PauQx7rcrmLpmnLN4R6OWx0RuBeS"
    "3HRpfnoG9uQpfn9ZTn9bx2IP4LzusJb4fxFMIXGuzj6YwFAX8DRnuY4DAymOOVVLv9rEo1"
    "m+neI2wN2WRZ8z1e2jixLAZwdf2cAt/E7jdGoLFDghdvj9yOCZUG1OzhqUL6TzVgRnAd5E"
    "+fP97/E3/Nm/LX0cujPZJ4jjOb1vVObSbM7srJCN0CmMZAKLZN8G7HMRTpU5Ta7xvnd1cX"
    "rcZD8wNMpYs7mE0fL//bfmmE2TDbVQ7DPO9wKGDkU7pTgJp9IYG5Vha4I0QFdA/knxjgfY"
    "utP56G8zgviIGKUG0+BOp1ZKE13ZOhVzhc0FvTZW2eF032NcVXk9pAIeb/IoPF5S/NxeyY"
    "2iuub29+DKrHeVTGQX2HtiP/goiVTMFx2pLVW81qCUxY7WLiKGVpDN42Lm9T+o62UKRpe4"
    "H5IoOep1NkllLw0tldJtJsgYWsukDHKW8vWfftJRowWDSkRU3+Z5Jg/QzYMdrCKfJrQR0X"
    "r6xJYmGa4nnjjuvLwAy10lX3eirMK87vFPJcwN+iGb4W6A2uRiadtLLO8jhd4bx0taUy9W"
    "oLMvVqCZl6wR1Sme8TjRMWb2Wp1evLAF6vpwOOz+Yy8LSWmzC3n0vAm9FtMP8uWF12Nv0O"
    "gPNusExawp+DPExZJj1mQ11NlMMs0DStVbJN49Ql+hnQH0nR42bCErPA7zAj2Y6860Jd2V"
    "3avtP33N3MBi1zgL9HricYTP3Rx5IevJuyVsx6CBOXtvHtYfX8F26wwGW1ylc+T11yeye4"
    "jUf7Zo+NTyEvnuK8ljOFvNjN1T6zMGX5iW3bJ7bSARp4dkZ+AbnX0FrhonETTsnPA6vind"
    "4eS0A3WXkyy2sGeU9BW+T0X+HcTp0LkOnwTn1i/ECYBgZZU4K0SUetpFVLvK41SN7AWuV1"
    "rbtxoLo+XnUl2SNKWSry2yKMLGO+0TtBtnCdEEmZxFbmBOYNZ5kTuJGcwPgikBeuBZME47"
    "iGFr+tu/GoweDnIFWi9B8/L0/SWcWtiR79XoTAF54xli7ejZlMvt4s3ZYXIilgwOhaIl/w"
    "y8qAsF+9gOgeL2UePV5gHj2eN49Cj07i+SHpLv8QSZlnmNG5/6oJEt/+D2wZIVM="
)
