"""fabric-auth migration 0: init.

Written by `fabric-auth db makemigration`; holds the SQL of every supported dialect.
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

SQL = {'sqlite': {'upgrade': 'CREATE TABLE "fabric_auth_audit_events" (\n'
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
                       ') /* One security event, written in the same transaction as the change '
                       'it records. */;\n'
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
                       ') /* Failed sign-ins against one account or from one client address, '
                       'and its lock. */;\n'
                       'CREATE TABLE "fabric_auth_revocations" (\n'
                       '    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,\n'
                       '    "subject_type" VARCHAR(16) NOT NULL,\n'
                       '    "subject_id" CHAR(36) NOT NULL,\n'
                       '    "revoked_at" TIMESTAMP NOT NULL,\n'
                       '    "expires_at" TIMESTAMP NOT NULL\n'
                       ') /* A session or user whose access tokens must stop working before '
                       'they expire. */;\n'
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
                       ') /* A named set of permission grants (`users:list`, `reports:*`). '
                       '*/;\n'
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
                       ');\n'
                       'CREATE TABLE "fabric_auth_link_tokens" (\n'
                       '    "token_hash" VARCHAR(64) NOT NULL PRIMARY KEY,\n'
                       '    "purpose" VARCHAR(32) NOT NULL,\n'
                       '    "email" VARCHAR(320) NOT NULL,\n'
                       '    "password_fingerprint" VARCHAR(64) NOT NULL,\n'
                       '    "created_at" TIMESTAMP NOT NULL,\n'
                       '    "expires_at" TIMESTAMP NOT NULL,\n'
                       '    "used_at" TIMESTAMP,\n'
                       '    "user_id" CHAR(36) NOT NULL REFERENCES "fabric_auth_users" ("id") '
                       'ON DELETE CASCADE\n'
                       ') /* A single-use token mailed as a link: password reset, email '
                       'verification, activation. */;\n'
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
                       'ON DELETE CASCADE\n'
                       ') /* A sign-in: one refresh-token family, listed to and revocable by '
                       'its user. */;\n'
                       'CREATE INDEX "idx_fabric_auth_user_id_b316cf" ON '
                       '"fabric_auth_sessions" ("user_id", "revoked_at");\n'
                       'CREATE TABLE "fabric_auth_refresh_tokens" (\n'
                       '    "token_hash" VARCHAR(64) NOT NULL PRIMARY KEY,\n'
                       '    "generation" INT NOT NULL,\n'
                       '    "created_at" TIMESTAMP NOT NULL,\n'
                       '    "session_id" CHAR(36) NOT NULL REFERENCES "fabric_auth_sessions" '
                       '("id") ON DELETE CASCADE\n'
                       ') /* One issued refresh token, kept as SHA-256 only, to find its '
                       'session and spot reuse. */;\n'
                       'CREATE TABLE "fabric_auth_user_roles" (\n'
                       '    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,\n'
                       '    "granted_at" TIMESTAMP NOT NULL,\n'
                       '    "role_id" CHAR(36) NOT NULL REFERENCES "fabric_auth_roles" ("id") '
                       'ON DELETE CASCADE,\n'
                       '    "user_id" CHAR(36) NOT NULL REFERENCES "fabric_auth_users" ("id") '
                       'ON DELETE CASCADE,\n'
                       '    CONSTRAINT "uid_fabric_auth_user_id_2dd3d5" UNIQUE ("user_id", '
                       '"role_id")\n'
                       ') /* A user holding a role. */;\n'
                       'CREATE TABLE IF NOT EXISTS "aerich" (\n'
                       '    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,\n'
                       '    "version" VARCHAR(255) NOT NULL,\n'
                       '    "app" VARCHAR(100) NOT NULL,\n'
                       '    "content" JSON NOT NULL\n'
                       ');',
            'downgrade': 'DROP TABLE IF EXISTS "fabric_auth_audit_events";\n'
                         'DROP TABLE IF EXISTS "fabric_auth_link_tokens";\n'
                         'DROP TABLE IF EXISTS "fabric_auth_login_throttles";\n'
                         'DROP TABLE IF EXISTS "fabric_auth_refresh_tokens";\n'
                         'DROP TABLE IF EXISTS "fabric_auth_revocations";\n'
                         'DROP TABLE IF EXISTS "fabric_auth_user_roles";\n'
                         'DROP TABLE IF EXISTS "fabric_auth_roles";\n'
                         'DROP TABLE IF EXISTS "fabric_auth_sessions";\n'
                         'DROP TABLE IF EXISTS "fabric_auth_users";'},
 'postgres': {'upgrade': 'CREATE TABLE "fabric_auth_audit_events" (\n'
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
                         ');\n'
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
                         ');\n'
                         'COMMENT ON TABLE "fabric_auth_login_throttles" IS \'Failed sign-ins '
                         "against one account or from one client address, and its lock.';\n"
                         'CREATE TABLE "fabric_auth_revocations" (\n'
                         '    "id" BIGSERIAL NOT NULL PRIMARY KEY,\n'
                         '    "subject_type" VARCHAR(16) NOT NULL,\n'
                         '    "subject_id" UUID NOT NULL,\n'
                         '    "revoked_at" TIMESTAMPTZ NOT NULL,\n'
                         '    "expires_at" TIMESTAMPTZ NOT NULL\n'
                         ');\n'
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
                         ');\n'
                         'COMMENT ON TABLE "fabric_auth_roles" IS \'A named set of permission '
                         "grants (`users:list`, `reports:*`).';\n"
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
                         ');\n'
                         'CREATE TABLE "fabric_auth_link_tokens" (\n'
                         '    "token_hash" VARCHAR(64) NOT NULL PRIMARY KEY,\n'
                         '    "purpose" VARCHAR(32) NOT NULL,\n'
                         '    "email" VARCHAR(320) NOT NULL,\n'
                         '    "password_fingerprint" VARCHAR(64) NOT NULL,\n'
                         '    "created_at" TIMESTAMPTZ NOT NULL,\n'
                         '    "expires_at" TIMESTAMPTZ NOT NULL,\n'
                         '    "used_at" TIMESTAMPTZ,\n'
                         '    "user_id" UUID NOT NULL REFERENCES "fabric_auth_users" ("id") ON '
                         'DELETE CASCADE\n'
                         ');\n'
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
                         'DELETE CASCADE\n'
                         ');\n'
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
                         ');\n'
                         'COMMENT ON TABLE "fabric_auth_refresh_tokens" IS \'One issued '
                         'refresh token, kept as SHA-256 only, to find its session and spot '
                         "reuse.';\n"
                         'CREATE TABLE "fabric_auth_user_roles" (\n'
                         '    "id" BIGSERIAL NOT NULL PRIMARY KEY,\n'
                         '    "granted_at" TIMESTAMPTZ NOT NULL,\n'
                         '    "role_id" UUID NOT NULL REFERENCES "fabric_auth_roles" ("id") ON '
                         'DELETE CASCADE,\n'
                         '    "user_id" UUID NOT NULL REFERENCES "fabric_auth_users" ("id") ON '
                         'DELETE CASCADE,\n'
                         '    CONSTRAINT "uid_fabric_auth_user_id_2dd3d5" UNIQUE ("user_id", '
                         '"role_id")\n'
                         ');\n'
                         'COMMENT ON TABLE "fabric_auth_user_roles" IS \'A user holding a '
                         "role.';\n"
                         'CREATE TABLE IF NOT EXISTS "aerich" (\n'
                         '    "id" SERIAL NOT NULL PRIMARY KEY,\n'
                         '    "version" VARCHAR(255) NOT NULL,\n'
                         '    "app" VARCHAR(100) NOT NULL,\n'
                         '    "content" JSONB NOT NULL\n'
                         ');',
              'downgrade': 'DROP TABLE IF EXISTS "fabric_auth_audit_events";\n'
                           'DROP TABLE IF EXISTS "fabric_auth_link_tokens";\n'
                           'DROP TABLE IF EXISTS "fabric_auth_login_throttles";\n'
                           'DROP TABLE IF EXISTS "fabric_auth_refresh_tokens";\n'
                           'DROP TABLE IF EXISTS "fabric_auth_revocations";\n'
                           'DROP TABLE IF EXISTS "fabric_auth_user_roles";\n'
                           'DROP TABLE IF EXISTS "fabric_auth_roles";\n'
                           'DROP TABLE IF EXISTS "fabric_auth_sessions";\n'
                           'DROP TABLE IF EXISTS "fabric_auth_users";'}}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.schema_generator.DIALECT]["upgrade"]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.schema_generator.DIALECT]["downgrade"]


MODELS_STATE = (
    "eJztXW9z2jga/yoaXqU3JJOQkPYyOzdD2vSa2zbZyZ/dm213jLAF6GIsVpKTcnv57vc8sg"
    "22sQkmkBjXb9og6yeJ3yNLzz+Jvxp92pPctqivh3sd3+H67J55unFC/mp4dMTgj7wqTdKg"
    "43GqApZq2nPTQPgHgBZDpDLQntKS2thTn7qKQZHDlC35WHPhIfrSY0Qx25dcT4gBNskDfN"
    "DMI9wjegiPYYQEmvEUtAQwQpUpt4fUGzDCNZHMFtJRe9ilI2zok3uDjbTue/xPn1laDBhU"
    "ktDH1z+gmHsO+85U9HF8Z/U5c50EwdzBBky5pSdjU3bKB+ee/mjq4th7li1cf+TN6o8nei"
    "i8KYAHIhkwj0mqGfagpY+8er7rhiKJqA4GO6sSjDKGcVif+i5KB9HBAGZlDcu6uLyxrs9u"
    "LKsxJ7kIEaM7LLKFh1LnOAeQgAEOYffvrdbh4dvW/uHxu/bR27ftd/vvoK4Z7/yjt4/BYG"
    "ZsBU0Zzs7/eX5xgwMSMLWCOYgFjwZDNQ1QRhgz9oUNs0Ayx6J6XgwfgErNRyxbECloSiJO"
    "iN2L/kjLJ5LGIgFFBa8joQVk35x/Obu+6Xz5BZsfKfWna/jq3Jzhk5YpnaRKd47fJKUzbY"
    "T8dn7zieBH8vvlxZlhUyg9kKbHWb2b3xs4JlhShOWJB4s6cSKj4qgIqs7kHLzE8yJ+P6Qy"
    "W7wzREqyQNH2ybIxot8tl3kDWKVPyPHRAtn+2rl6/6lztXN8lJLXRfikZR49JvgVvrZFMM"
    "mXJTgG2RTDs83lxSk+OF6C4oP0KzGjGB89pqewkAFHxaZxDLUS0eE8LSfPh60leD5s5fKM"
    "j7J4ztqWn2I5c2teF8dVWi00laAoFZ7LKVg9mZ+ezCFlxWZzAlRP5yenMx+jKgLaiirCch"
    "L1cltgo7GlNPuKSYsOQvNzWZqTqMrR3D5YZs2AWrlEm2dJph2mKXczZvO/ri8vsmmOQdKW"
    "ELc1+R9xuZqzUdfG9U993wvM9J7PXc09tYfd/mNTMlhAOVKUsIoipne+dP6dFsL7z5enaX"
    "MHGzgFgaDHoH8Xs1qxoEftuwcqHWvuiWiJvLrzj0atUbqEevCSOOE3xu8X9/x85t7djbhj"
    "XiPPNzSr0SzkGnIBZ2kELukZ6hAFknHZLrzYxADJCGYec9BDQwm2d0LGVKkHIR0CnDLdJA"
    "yrkHsmeZ/bFJtqEjTw7s3f8w6iTXTyzfvmXXruhHCtyPWnzm6rfUy4IgpUR+bskfcwxfwR"
    "dIvOJSgXHiMw7RyOaOqS7u0vaEqTvb098tuns6szAoND7wM5v/7mXdx+/txtEiVgeMGAYW"
    "h32IrNyFA8MBgXfAdvAqOFF0vBGMY4bk9jd9DI1Ok1AqPM00u6tb4G62uoKvgSJjJr/JHr"
    "7DIjs4ZUDQvpIwnUepbw1/V9bWSnzPdyRYIpwHkMUkHrfP2Ktnn5ixA8BVSS3v2l+N1fQP"
    "B+muFouYU2vQGTY8mLKYJ5+Aryv37d25YMyVjBTZ5EvoyX/EWpr5KbnH0fc2huBTEnkbWY"
    "Sy3mUHEsKuMYbA0CLpknrmLyzfZg396ef1jgJsn0+Pk+d/YQWK2XNlBBAinF+TffNMP6Tr"
    "I7T+1HsOL4wPuZTQzB5zAOCrZXBqFxs/k2bGs7eZ2Vzt5nSR+mhl98VgEBDnOZDrS0zvX7"
    "zoezxuNr+jTEgHs3Qym0Nhzn+DUStZrFfBuItXQIXtK/8THwMyiYS7vcU4QOgF+ljTuA2r"
    "bwwWIXkvSlGAUuApejER+6kpuEeo7xMLjCvpt3bKy1dfRonN0zOZlmxaBzJMNn0SU7ijHS"
    "hdlwz22m9hAufN19YzwWplt0fMArM1GEfQeCvnkPQ+N18SaEas1GY+iVSsnvGXor0K3RJJ"
    "iWA889f9Rjkog+4eFbl5uV87WhbBGEj+7YJPBU1Fk6Zc/SmcpsWVtvCqigcbf+zAJ8EwqQ"
    "G1avILVH+8v4LaBWLrnmWSqfIFy95inOXT3ikKfXkHXRvL/ZNaR1cPT26N3h8dF06ZiWLF"
    "oxotUhvj1z15esCKFxSE1omtBwNy5CaBxSE5pFKJjKqNVk+IQXG9lpbG1pl9nSdqnSVrhc"
    "r+BRyYDXrrPSCbxMkfgr1odvM1wcjE9UahayWWUALRSSx+MUXCmfYSjcwIMQdJPcsbHGkH"
    "kU7haeO2nCQ9LnoSGpwKw0xyvgsxoLPFbhK5Z9ZGMDfTzj4EYdy36VWHZITmY2f666kgS9"
    "nMKyect8bTpLHeGr7P4VF3O4FhaMDiRRdYBgcYAgZGtdMYLrWXPbye6TYYLk9CpdpOCK3Y"
    "sgoW+BxjWtUlTfioDL5z+G6oyQmAEoycNQKOO9h/JAKVJk5CuNmYVjkwaIvvUe68PswzS/"
    "CQmC9Zlpj+tqG2MDV4w6pGdO2MrJ1DdPdijCqdSokDXJA4eZ72tyxRyumlh/LFwXmn0DEF"
    "DjUIPj3u6IjQS0opiGtq/EA0YDGA7SxaGZNMfuLAmhS3YwoRHtqzChcZoXGWqRszGTmQy+"
    "ebbwXdASwfh2oQq5py533hDQ10y6J3OCEAh2PfYlTBlswKvPAG91dMHv/YfZxY8jpXEVdI"
    "ivP9YQkVZQ/0igav0jRSouYHcr6e5JZK27l1p3367svPqqgi31MIoF6TDmYUENVyyd+9Ih"
    "2KeDSh5mc4yZHPFAHx1ICqImO13UStUJHibrNklXsrGQWp38rfsmS5t9Zmtr1ujyt7f1b2"
    "tPq3WxM3OmJ/zn6DUOzD25z+Vrbub/AhpbVL92u+a4XeNHQGfDKsBwCla947ZLZYi0F2SI"
    "tOczRGYrU6EjtylYOY7dYn9bfew2cbBfWeEXy7DPBexr1MtZ0BPAlGR6gNyUSKYlL8v+6e"
    "Xl5wT7p+cpM/zi9svpGdiKRhRQieuEdV7HIZZZiuALOniEONxrtkTrDbfFxScWxs6KUk8i"
    "a6mXReoZto4ZfQFTJ3WgBU/dZ2yQpyH2489XzM2L8abPXER2zJbNhbyAyuPGrcIoCJVnGM"
    "aCVAVswzDcUODqB3Nu4cScTQjzQHYDt36fjjgmfqACgm55YRz1gWsfesa4AkYScCZl3/ew"
    "tpYL3poQc8HlX5xQ25MvYU8q6hY6Uh7Vr6Dnf/0W5VYl7mxLprEUekW9KYmss4zLoybNa8"
    "e1TfRDiNlkg694Nj+NrUVdalFvVyivFvOKYi5RYL7enjcuZdhrVbFwyTyyepca1xfBvgjN"
    "G7kItr7Z+OUmdH1fT31fz2sn4j/jvp74dpg+QvhMh336OGNFyN+8097M1jyPfTSVC7jrTb"
    "rUUr76fHLqpKoSrJbNBU7w+ibbTd9kawgDa0KOqMv/ywr9NkcWtnLpbBthHRevogmDcUz1"
    "LLOD9jI0Q6388x3tXJpXnN858LWQX6IZvhHqHa7GLp1YRWd5Glc5i621VNZma0HWZisjaz"
    "O6T7zoFRBzwOqtLK12exnC2+18wvHZXDam+TmNjLn9VDLmDPeCuZjR6rK1qZhAXPBrJllL"
    "+FOUx5F1Amwx1tVEaTayqDNaJfM4ja7ZL8D+WIo+dzOWmAV5+DNIOXLwt/6nr+rch+X23O"
    "3MDK7zwX9Eqeflg88lwAS3pq+YARMH10Hz8oh6/g13WPjbeCu95fPoWtpbIW285ql4nkQO"
    "vHqG80bOlwZxvNVesziyfsXK9oqtdJgq9ZOrzwzOJn74dctUqdzIbMaNievgqno3+aUOI7"
    "isPqX32gH/hfe3xFktGPgvdpGLuT1wKFwH7wekBLFZx+7yqmX+dE+UyIO16p/u2Y7L9cxV"
    "OyvpHklkbciXRRlZxn1jdoJi6ToxSJ3QWOeH1vmhZdBYmkXzQ9OLwLp4rZgmmOY1tviV7v"
    "brDoM/h7kaZfj4aX2SziqWJnv0R1ECn3nePF+9u2cy+6r7fF9eDFLBhNGNZL7gm1WA4bB6"
    "Bdk9WMo9erDAPXow7x6FHnXmWbL8kH8M8vIh/9fRr9YW3C/gs1z/3vb4fwmsjyM="
)
