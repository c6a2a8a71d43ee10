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
    "eJztXGtz2jgU/SsaPqUzJBNISLKdnZ0hbbpltwk7Cdnd6WNcYQvQxpZcSw5lu/nve+UHfm"
    "ADpkDA9ZcMSDqSfO5F9+pIzrfaAPcdqmvYlaOjtmtQefVImKy9RN9qDFsEPuQ1qaMatu1U"
    "A1Uqcd9MA+EPADWikMKD9oV0sK5GGmBTECgyiNAdakvKmUJ3GUGC6K5D5QR5wDoawxdJGK"
    "IMyRFUwwwRdMME9AQwhIVXro8wGxJEJXKIzh1DHKkhDa7DmJQNN9K7y+gXl2iSDwk0cmCM"
    "D5+gmDKDfCUi/Go/aANKTCNBMDVUB165Jie2V3ZJhx0m33ht1dz7ms5N12JRe3siR5xNAd"
    "Q3yZAw4mBJ1AjScRWvzDXNwCQh1f5koyb+LGMYgwywayrrKLQ/gaispmk33Z52d9XTtNqM"
    "5UJEjO6gSOdMWZ0qH1AEDNUUDn9qNk9OzpvHJ2cXrdPz89bF8QW09eY7W3X+5E8mYsvvyu"
    "Os82vnpqcmxMG1fB9UBU8eBkvsozxjROxzHbzAIYaG5awZXgOVklok2xApaMoiRoA9Cj+k"
    "7RNaY56BwoLnsdAcsnud66u7Xvv6D9W9JcQX0+Or3btSNU2vdJIqPTh7kbTOtBP0V6f3Fq"
    "mv6H335spjkws5dLwRo3a99zU1J1hSuMb4WMNGnMiwOCyCppGd/R/xrIlfjbCTbd4IkbIs"
    "ULR/tqxZ+KtmEjaEVfolOjudY9s/27ev3rZvD85OU/a6CWqaXtVTgl/uSp37Tr4swTHIph"
    "iOgsvWKW6cLUFxI/2TiChWVU9pF+aOz1ExN46hViI68NPd5PmkuQTPJ81cnlVVFs9ZYXkR"
    "y5mheV0cl2m1kNiBRKmwL6dglTMvduaAsmLenABV7rzQnamtUhHIVkQRlpOo7YXAWm1PaX"
    "YFcTQ8DLafy9KcRJWO5lZjmTUDWuUS7dUlmTaIxNTM8Obf7ro32TTHIOmdENUl+g+ZVMzs"
    "UdfG9c8Dl/nb9L5LTUmZOFLD/rIpG8yhXFGU2BWFTB9ct/9OG+HVu+5lerujOrgEgyjFYP"
    "AQ27Wqgj7WH8bYMbSZGt7keW1nq6ymlS7BDH4kRvDE6vniys8tGcDsRj3+QFgtTx5KNKoX"
    "EogcH6pJhS0gEVEhXGKgAI48eB09EFsqvebubfuw2TpDnJmTOlSiATgRolIgAauuJ+rAd2"
    "FzJebAOpEtFG1gjO+Qi7zhtREWo0IRPYFazyL4vOrRRmJNvk4UkJOpIeRKdUnQYsluHza5"
    "vmrXbJyen16cnJ1OxbppyTyNLtTjIl51h6iHX0F+SyK3o75tleoyyW/BWpi5D7m/77zONn"
    "ESlTKx61LjSGHLZVp/i+fbKm4F70kzkoIZjmcJfsMdQofsdzLxaO7AVDDTs7bQ8Wh+F3W3"
    "n+xGpVFscvB4GlNT7gUfDGIS6UfS9t2r9uur2tOz5lyPXMfBw+dlXNMmRfOtELhkstWepj"
    "PcQWpLhcYjLgjCug7lflIkkOUKiYTkNhpz5wFshPpkAN6nTs4miHy1qZORZK2x74/sI7sl"
    "2EB971zPmSAaeDs6wAqOHakSsjoaU/B8V6JbYlBRV+1tbprQ7QuAQBqnMjjKDi1icehFEA"
    "l93/KxQBiGhEmaampcdfzZH1tAJPqMDtQZoYlhqha3YM+JsD//MIuM5owiG3xkOndNyBIl"
    "NU1ogh6xSY0XCPI1ZGMhCMxXZZFqaNt1wGVUB6w6edznk0fh9v8henERNI2rzk6WODsJSS"
    "uYfyRQVf6RIlUtYA8r5e5JZJW773TuHoW3omZOIqsLErtm5V1SGMPtRl6qG9uOFMhzg8Ry"
    "+SQX9kmHlL2EzI6Eit+hn8ANsEWVxKd0bJWAcS8l85M4GFllkCpnVPlrZoq7vp4Xp3wf/F"
    "MPP27FFttPhXLB/MC4/oC4OCGMafzeSOrP6XMI/Asj5JycD5uFzq7C9iXM8dZ/PLhXEu3x"
    "Zvc2a9NnHS5X1GeTyDUE/x27ubHvwb9S4X84MytdSoPMYBVDp7GVqXfa1Pu1aavMvKKZd0"
    "iCqcLzxq0MsVYUe4lhFlm+S7PVRcOt0LyRi4bVzdntOXQxiScGqQ4+5l+8UFTNUrvarYv7"
    "oK/95HXhlYuYVxW9bxEPh+nLoqkz7AD/5vdbYuZpO/MurpaE/KeNi/aet+Yp9qErF5DrlX"
    "ssp9Xnk7PmCxGVCL5uEZxYmJpFwv0UUEIZ/KR5vNQrX8dz3vk6Tod7jzDYTTgWNum/pNC7"
    "X1nY0t0X3wjravHyPhfcM4SY8u3MGq1laIZW+Td5Wrk0r+jfOfC1kL9DHr4R6g0qbBNPtK"
    "JensaVbsfWPF6GbWiVy7ZXl2Rb3fwcc8jTir7sMwMs38rSbLWWIbzVyidc1aXECKGpf/rx"
    "mOHbl5ybBLOcRDCOS3HdB+CmnDtcXbab+V12u+8SwullJ3X39eb++vIKFhePe2hE/T3e7O"
    "EyEPdIHAqjZN1EXkB5HLlF0qcl+8y6mAhJLA0bFs2Qkxcxn0ZX7Bdg33b4gJoZS0z+q9Ux"
    "SPVqdcIMq75aXd19WC7mwgMaXWZOgmCzJ2dqQVyce6Tm2saKVk8iK6vvitUzTlKD2acuwJ"
    "h8SNmqN2Di4OrQfHdMXfhC+8x7s+s4SCjfO7ObP0NoQx6vj2q5/3PWr64vPEfAUcOdOTz4"
    "UV6l/M7rxvlnBbDJy36nPV/9iEFKeF6wEeFD/bIKMBw0LyG7jaV0vMYcHa8xq+PBiDLzKl"
    "H+ji8G2f6O73nyi3L826yn/wF7iAY6"
)
