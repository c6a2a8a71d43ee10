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
    "eJztXf1T2zga/lc0+YneBAYCgR6zczOhpVdut3AD4e5m2x2j2Eqiw5a8lkya2+N/31f+iL"
    "8TOyTguP6FJrIeSXleWXq/pP7RGeORQ3UNu3J6MHANKi+fCJOdc/RHh2GLwIeiKl3Uwbad"
    "qqBKJR6ZaSD8AaBGFFJ40JGQDtZVT2NsCgJFBhG6Q21JOVPoG0aQILrrUDlHHrCLZvBFEo"
    "YoQ3IKj2GECJphAloCGMLCK9enmE0IohI5ROeOIQ5UlwbXoU/KJltp3WX0d5dokk8IVHKg"
    "j6+/QTFlBvlORPjVftTGlJhGgmBqqAa8ck3Oba/sgk6umPzk1VVjH2k6N12LRfXtuZxytg"
    "BQXyQTwoiDJVE9SMdVvDLXNAORhFT7g42q+KOMYQwyxq6ppKPQ/gCiso6mXd8MtbvLoaZ1"
    "MpILETG6gyKdMyV1quaAImCihrD/117v+Pisd3h8+r5/cnbWf3/4Hup6480+Onv2BxOx5T"
    "flcXb196vroRoQh6nlz0FV8OxhsMQ+yhNGxD7XYRY4xNCwzIrhI1ApqUXyBZGCpiRiBNiD"
    "8ENaPqE0lgkoLHgbCS0he3j15fJuOPjyT9W8JcTvpsfXYHipnvS80nmqdO/0XVI6i0bQv6"
    "+Gn5H6in69ub702ORCThyvx6je8NeOGhMsKVxjfKZhI05kWBwWQdVIzv5LnBXxhyl28sUb"
    "IVKSBYp2T5YdC3/XTMImsEqfo9OTJbL91+D2w+fB7d7pSUpe18GTnvfoOcEvd6XO/Ulelu"
    "AYZFsMR5vLq1N8dFqC4qP0KxFRrB49p6cwd3yOqk3jGGotooN5Wk+ej3sleD7uFfKsHuXx"
    "nLctr2I5d2veFMdNWi0kdkBRqjyXU7B2Mq+ezAFl1WZzAtRO55XTmdpKFQFtRVRhOYl6vS"
    "2w09lRml1BHA1PAvOzLM1JVONo7h+VWTOgViHR3rMk0waRmJo5s/kfdzfX+TTHIGlLiOoS"
    "/R+ZVGRs1I1x/dPYZb6ZPnKpKSkTB6rbv21LBksoVxQlrKKQ6b0vg/+khfDhl5uLtLmjGr"
    "gAgSiPwfgxZrWqghHWH2fYMbTME97jRXWzj6yelS7BDF4SI/jF6vfFPT+3ZAyjmw75I2Gd"
    "IvdQolK3koPI8aGaVNgKLiIqhEsMFMCRB++iR2JL5a+5+zzY7/VPEWfmvAsP0RgmEaJSIA"
    "GrrufUge/C5sqZA+tEvqNoC328wF3kda9NsZhW2tETqM0sgm/rPdrKXlPsJwrIyfUhFLrq"
    "kqDVLrtdMHJ9r13v6OTs5P3x6cnCWbcoWeajC/1xEa+6Q9SPX8P9lkS+jvftValukvstWA"
    "tz7ZD7+6uP+SJOolIidl1qHChss0Trm3i+rOJS8H5pjlKQ4ThL8CfuEDphP5O5R/MVDAUz"
    "Pc+Eju/md1Fzu8luVBrtTQ6eLfbU1PSCDwYxifR30sHdh8HHy87zm+pcT1zHwY8v0rgWVa"
    "rqWyGwpLI1WKgz3EHKpEKzKRcEYV2Hcl8pEshyhURCchvNuPMIMkIjMobZpyJnc0S+29TJ"
    "UbI22PY39o3dEmygkRfXc+aIBrMd7WEFx45UClkXzSjMfFeiW2JQ0VX1bW6a0Ow7gIAapz"
    "Q4yvYtYnFoRRAJbd/ymUAYuoRBmmpoXDX84PctYCd6QHsqRmhiGKrFLbA5EfbHH2qR0ZhR"
    "JINvTOeuCVqipKYJVdATNqnxDoG+hmwsBIHxKi1SdW27DkwZ1QBrI4+7HHkU7ui/RK/uBE"
    "3j2thJidhJSFpF/SOBavWPFKlqAXtcS3dPIlvdvda6e7S9VRVzEtkmSNRNyrXyMHLvNxfo"
    "uephRQ0XIKV1W9WnoZQ8xMfIJo5FfX104mAQNdp7UFqpOFcu7IcuenCIzR0pzv/y8C5Pm3"
    "1haxvW6Iq3t81va6vVupin3utJ/Tl5Czf9yn2uWHPz/q2gsYX1W7fryhBffFgVGE7Bmhfk"
    "OzwsE+Q7PCwO8qlnSa6jlalSoC8Fq0ewT/W308G+RDqB0IIflmOfc9jXMCtY0BPAlGRGgN"
    "yWSBYlr8v+xc3NLwn2L65SZvj1/ZeLS7AVPVFAJSoT1nkbhyizFMEPNG6YOQ/2mh3ReoNt"
    "calp49rGmlJPIlup10XqObaON/oKpk4q4cik7DFng7wIsJ9+viVmUYw3bsPcQ2OhHbNjc6"
    "EooPK8daswDEIVGYaxIFUF2zAIN5QPfdAJ26fsHHFGwjyQfd+tP8YWVYkfSgFRbnnuOep9"
    "1z70rOIKKpKgZlJu4GNzLa82G7/6E9o3+2IuuN9ae/JN7UmBzUoZjWH9Bnr+N29R7lTizu"
    "G2SN5w1o7D5Zp6UxK5Ab2pZvn8u6smZbXj1ib6IcSsshU00AzWEXQa24q61qLerVBeK+Y1"
    "xVyjwHy7PW9dyrDXimrhkiyyeUcp2+Nnr0LzVo6ftecpX29CV3PxxCBtOtzydHxFVZba9X"
    "Lx74O2dpPXlYn4sVlVNQs/vh2mjxC+0GGfPs7YEPK377T3ZmuRxz6cyhXc9V66VClffTE5"
    "bVJVDVbL7hInOLEwNats9wtAA93gx70y+T5Qa8lNIJl8H48wsCYcC5v0f6TSjSB52Mals2"
    "2FdbV4VU0YjGOaZ5kd9cvQDLWKz3f0C2lec34XwDdCfo1m+FaoN6iwTTzXqs7yNK5xFluv"
    "VNZmb0nWZi8naxMLMeOgp1W9AiIDbN7K0uv3yxDe7xcTrp5lsjHVVZBPOXN7VTJmhHvFXM"
    "xwddnZVEwg7ok4FHrJO5+6gvI4sk2Arca6mAtJLA0b1jqZx2l0y34F9m2Hj6mZs8QsycOP"
    "IPXIwd/5C7fa3Idye+5uZga3+eA/otSL8sEzCTAmn1C2bgZMHNwGzesj6uwbbhBPKV/zLc"
    "+iW2nvhLTVNU/V8yQK4M0znLdyvtSP4633msWR7StWt1dsrcNU8UM3L4zMNu9qulR2vUna"
    "Y2dvHcFeeiFJnNWKkexqN5N41+FNuWmoC+8wUti8c2RF1XLC3l8XmSmqln/4q70tru63xX"
    "l3x6y1mSaRrWVal921jD/C2wmq5Z/EIG2GXpvw2CY81kFj6VZNeEwvApvitWGaYJrX2OJX"
    "u+ucBwQ+Tgs1yuDxan0SRxVrkw75oyiBLzxAXazePREn/+72YudUDNLADMitpHKoN6sCw0"
    "H1BrJ7VMrfd7TE33eU9fdBjzL3cFRxDDsGef0Y9tvoV83476Ge/wS6Hv2q"
)
