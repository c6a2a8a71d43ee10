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
        '    "last_login_at" TIMESTAMP\n'
        ");\n"
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
        "downgrade": 'DROP TABLE IF EXISTS "fabric_auth_audit_chain";\n'
        'DROP TABLE IF EXISTS "fabric_auth_audit_events";\n'
        'DROP TABLE IF EXISTS "fabric_auth_refresh_tokens";\n'
        'DROP TABLE IF EXISTS "fabric_auth_revocations";\n'
        'DROP TABLE IF EXISTS "fabric_auth_signing_keys";\n'
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
        '    "last_login_at" TIMESTAMPTZ\n'
        ");\n"
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
        "downgrade": 'DROP TABLE IF EXISTS "fabric_auth_audit_chain";\n'
        'DROP TABLE IF EXISTS "fabric_auth_audit_events";\n'
        'DROP TABLE IF EXISTS "fabric_auth_refresh_tokens";\n'
        'DROP TABLE IF EXISTS "fabric_auth_revocations";\n'
        'DROP TABLE IF EXISTS "fabric_auth_signing_keys";\n'
        'DROP TABLE IF EXISTS "fabric_auth_sessions";\n'
        'DROP TABLE IF EXISTS "fabric_auth_users";',
    },
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.schema_generator.DIALECT]["upgrade"]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.schema_generator.DIALECT]["downgrade"]


MODELS_STATE = (
    "eJztXf9z2jgW/1c0/HLpTJIJ5EuzvZubIWm6zbZNbhJ6u7ebHUfYArTYFpVkUm4v//u9J9"
    "tgGwyYxZRQ/5KCrI8kf95D+ujp2f2z1qFtyW2LBrp32Awcri97lPu1N+TPmk89Bh/yquyT"
    "Gh0MMhWwVNO2mwXCHwBa9hjZVlpSW0O1DnUVgyKHKVvygeYCu6+1eowo7nddRqR4InvcIf"
    "VXhA2ZHBHTGIHeme8QV9h9RTpcKv2GQLFiklOX/5epqAb8a0uhFPbrCBs6hmbL6eLB577S"
    "1LfxCgAl85jXZlIRDX2Zu/+bItgkXN0ntKOZJJQMAtkFCp56TDJs34fRtFkX2jrEQQc+/x"
    "IwS4sug2YkDP2336GY+w77ylT8ddC3Opy5Tsp23MEGTLmlRwNTdu3rd6Yi8tG2bOEGnj+p"
    "PBjpnvDHtbmvsbTLfCapZk7CYn7gupGt46JwqFCgZcDGY3QmBQ7r0MBFuyM6HMGkrGZZN7"
    "ct6/6qZVm1KZ+IEQkbRkW28NGfYKzK3H4Xh3DQqJ+8Pjk/Pjs5hypmmOOS189h1xNmQqDh"
    "56ZVezbXqaZhDUPyhFWXKm0p9mWa2wvezaU3iVoPyXHBhOXJjymm9Khcjn9oNI6PXzeOjs"
    "/OT09evz49PxqTPX1pHusX1z8i8VBBwMQQTiCxJTLM96jqTVMPs5KcQ3wMyjAPt1QW87Va"
    "WdR79KvlMr8L8+0bcnYyh9V/N+8u3zfv9s5OXqWpvYmuNMylNMkwf/WELO7gaVzl4qu5eM"
    "RiUSfPwCo3n+nmuFB2+olJHQva1O4/UelYU1dEQ+TVnb7kNbxsCfVp19CGd4jjn9JSV0Pm"
    "6/lyK6yyitxiiFTL6a1bH8QQswPJ9YgYIAgS+KKZT7hv9IuCEcI6Tn0FLQGM0LGu8btGuE"
    "hmC+mEqiUltdba+oP/4N+JJ1BkQnogn9DnQ3FF9hRj5BH02ZCDBjs0NDy+ekMesc4jscUQ"
    "xVgo8QSKKRL+glCPPfiPA8mG5if0uG/6jmCiY76hSKQam/9CDkgd6ihBGPQAN7mPWk8M4R"
    "MREj7DQBnePAwPYA9+WzLaT8hAbEj34A9cLUPkzZunl9V5kWTbdpm3kfk5XwwWXibXuj5+"
    "NwaYEC5smEckcyyqp4l/C9xp7rHZ1GegGRM4EfYw/rCeJXOTFplDbuv609V9q/npX9i8p9"
    "QX1/DVbF3hlYYpHWVK984y6+m4EfLzdes9wa/k19ubK8OmULorTY+Teq1fazgmWJSEBdta"
    "izpJIuPiuCgthMwyUEgDjRFlyZ+N/rpKlvki0LYInXxZghOQzQnMjVFcP1uC4nr2JzGhGC"
    "89Z10YNLnhqJgbJ1ArER356XbyfNxYgufjRi7PeGkWz7N00CKWZ2qhdXG8S7OFphKUaWFf"
    "zsAqZ17szBFlxbw5BarceaE78wFKEVArqgjLaVQVY1lIcwBbcYt2owDGsjSnUTtH82l9mT"
    "kDauUSba6lmZYM7lMVnTbSqJ1jut44X0bSNc7zNR1eSzPtME25O2Pe+On+9mY2zQlIds/J"
    "bU3+R1yuSguP1/7RCfwwpNYOuKvxWBG7/WdZNphDOVKU2n/GTO99av6SNcLlx9uL7MYSG7"
    "jIGGQctSvi+SnQDm5m1j+XF2W4IvcFHUbcsQ78wnot0Wf52R+pSvuFDiRkCLU0YgscSXCl"
    "AoaJFAZODHyf9NlA4/nA/fvmQeP0jAjfHe3DRdIB9yBcK6JAo5lDBPiuBgIPD0BVzD6YKK"
    "GPvxDNN90Xns7SqPX85L5tbLmU2Sw/jB+RMzPimBvKT4M2d+K99bkzE15tyfDmVwjWp5Gb"
    "idVvlOpdCtZHc+HM7cfnz9dv847CkqiMiYOAO4eI3S3ThgGh0FZJK5g7nSEKpjieJvidkI"
    "x3/Q9sZGi+jnIQZ3CaXM3vJ829THYnpZO1SdKn8ZqacS/44DCX6XAlbd5fNt9e1Z6/qeYa"
    "CptGN5+nuMZViuqtGLik2GqO5YyQBAMw5KknFCPUtqE8FEWKeIHSRGkxIE9C9jG/oc064H"
    "2Y2DAi7OuAyxkia41tm9wPRh3SHkVpHHHGLdmjCKdSh8m1Txw8P9Dkjjlc7WP9gXBdaPYV"
    "QEDGoYLj/oHHPAGtKKYPo6wSCl3CIF0cmsCGH8O+FaxEj2QPUzgwo5B4wmM+dBaOP1aRkz"
    "GTiQ0efFsELqhEzV0XqpAhdbnzCjNXyIAqxTAZGLOCAWmSgR1swK8SQ7Y/L2FOYkjQ/oPZ"
    "xY9Msrgd3D+v/6Q1Jq2g/kihKv0xFVMewtS2inZPIyvtvtXafbK8FTVzGlmlU22blbcpwh"
    "hvN/KkbmI7UkDnRsJyeZEL+6QD7r8BZcfiiN9BKOA61OMY4sOzGBRgInqEC0Uc9IwKEjUj"
    "6teZEnd9LS+WfL+FZ6ThupWYbH8vpAXzF8b1L4iLBWHinMr0hH9OvsUh1cIVco7mo26hk+"
    "64/g5qvPUfQL2oEG3JDyWtLT4rhV4xPptGrmHx37I8r5e++FdR+O/OzOZJV1AGqxg6i61M"
    "vdWmflmbtsrMK5p5i0Iw1fJcupVhrVXFHnmaRu5ein2VlrwRmktJS67y7Dfn0MVCPAlIdf"
    "AxP/ECqZqmdrWsi89RWy+T14UpFwmvKppvkVwOs8mimTPsCP/uwx1z82I78xJXd4T85/KD"
    "9uDgMDLw8Vpu3H5SZb9Y6D4EWn02WjZ8jy8FGXkeA7rsKHskCrFHjRFo7JDgi90GQduFSj"
    "3qdghX4VfVY078upGffv5w/3f8NB3KL6OXB38g+RBcblxXaZg/HMJ8W44GeCyACSuEYtsE"
    "3x0yhKKOFB55fNe8uLu+tJqfW+/BlS7vwJs+XP3n8a9mh/SLPSrUX+czQt9VajF1u0KCcb"
    "0idKdAO3g8sP4UkPC3aP3x1J/mOf/RrDRq809nfRstVNJzWGaGwwndGk9r07Zosa85ZzW5"
    "DeyE/88LWFz90ppvjnG84uPtzY9x9ayNqsz77zB2hC+9wV/NKqHgLLYy9VabWoIRVnvxVR"
    "pZBYO3zcrblKhlIhR5u704fFFgn4chgeU2ePnmXnMSfJX4tO7EJ+ZR7hbZ34wBO6Htsu8E"
    "OlrqpUBHc94KdJTd3hjCYNKQnnn1fKG9+yzszm3kS2EdJy/zuQDbSczuncbVT5ehGWrlb9"
    "1Pc2le0b9z4Gshf4s8vBTqHa4GLh1ZRb08i9u5U7rG0TJsQ61cts21TIyEKvUkQKcVfl9N"
    "Frh7M0vj9HQZwk9P8wnHa5kDaNjb4i53hm9fCOEy6ucIwSQuw3UbgGU5dzy7bFb5Xdzefk"
    "ztjy6usxGmz58urmByMdxDJR6e600nFANxQyY59DLr6dMFlCeRGyR9XPKSWVcjpZkHO02P"
    "z0ghWsR8Fl2xX4D9gRQd7s6YYuacO0wg1Svh1n4UUcW+89dcuEHn1ndH0WLzQkJn0bo4Nz"
    "4aDJwVrZ5GVlbfFqvPCJhGo8889OCKLvdXfeohCa5i49tj6sKx8al3Ja0jeWz33pNUft5Y"
    "E3S83avlnSJEl/cXniPQScWtOTz4Xl6fU9p/n4n/B1fB/9klAdnB84JSAh/4yyrAcFR9B9"
    "mtLxXHq8+J49Wn43jQo575+Ej+ji8BqdLMCu7tvun5+PP/ARsUmFs="
)
