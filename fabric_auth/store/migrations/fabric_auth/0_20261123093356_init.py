"""fabric-auth migration 0: init.

Written by `fabric-auth db makemigration`; holds the SQL of every supported dialect.
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

SQL = {
    "sqlite": {
        "upgrade": 'CREATE TABLE "fabric_auth_revocations" (\n'
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
        "downgrade": 'DROP TABLE IF EXISTS "fabric_auth_revocations";\n'
        'DROP TABLE IF EXISTS "fabric_auth_refresh_tokens";\n'
        'DROP TABLE IF EXISTS "fabric_auth_sessions";\n'
        'DROP TABLE IF EXISTS "fabric_auth_users";',
    },
    "postgres": {
        "upgrade": 'CREATE TABLE "fabric_auth_revocations" (\n'
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
        "downgrade": 'DROP TABLE IF EXISTS "fabric_auth_revocations";\n'
        'DROP TABLE IF EXISTS "fabric_auth_refresh_tokens";\n'
        'DROP TABLE IF EXISTS "fabric_auth_sessions";\n'
        'DROP TABLE IF EXISTS "fabric_auth_users";',
    },
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.schema_generator.DIALECT]["upgrade"]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.schema_generator.DIALECT]["downgrade"]


MODELS_STATE = (
    "eJztW2tv2zYU/SuEP6VAEsROnGTFMMBu09VbEw+Jsw19QKUl2uYikapIxfW6/PddUpL1di"
    "zXTmzXXwKH5CGpcynecy+pb7UB7nvUNLAvR4fXZOARMerxO8JqL9G3GsMOgR/ljfZRDbtu"
    "pokqlbhvZ6GGF0ANqbBCg/tCetiU0HKAbUGgyCLC9KgrKVdzqHUZQVQIn1gohCMN30d3xJ"
    "UIC3TztnXQaJ4izuzJPlSiAWUWolIgQYSAbhCG/4XLJfTgC3KoBra4CSNTNlzhGD6jX3wC"
    "TzskckQ8GOnDJygGJPlKRPSve2cMKLGtFOF6eGOEhSZT1xty4uq6VyPsvdEI9Rx9w+S277"
    "A8yp3IEWdTGDyuKh0SRjwsiZWgnPm2HdorKgrmDgXS88l00lZcYJEB9m1lOIUOZhKX1Qzj"
    "qtszbi56hlHLGTVCJGwQFpmcqQVBmRSaDwd/NWzChrCoXqLTk4dgnJiPoJUa8M/W9au3re"
    "u905MXakAOqypYgFdhTUNXPegusMRBJ9oKMe0hOWqWOdo7TBazngZlWIcnWYT1qCCmPX49"
    "noL3oZrEQaN+cnZyfnx6cg5N9ESnJWczTNG56mmeY15Nj6iHN7DM8/oaaiR1SDG5aWSGXC"
    "uEHkY/NpDqGTz2OpcXN73W5R+qe0eIL7bmq9W7UDUNXTrJlO6dZpb/tBP0V6f3Fql/0fvu"
    "1YWmkws59PSIcbve+5qaE2zY3GB8bGAryUlUHBWlzBzuhQa18ma+ve28LjZxGpUxse9T61"
    "Bht8u0eqs6DmyVtIJ+0ocH5RcGd4VbVMhWnuA33CN0yH4nE01zB6aCmUkKOE1685u4u81k"
    "Ny6NfZOHx1Ofmlle8MMiNpGBJ23dvGq9vqhpvvvYvBtjzzJSxKsa3uCZkmnbfJXTcLIlmO"
    "Gh5kc9iJp2Wk7dcxOHD1+muKZNquqtCDin2GpN5Qz3EMgYD41HXBCETRPKA1EkkOMLiYTk"
    "Lhpz7w5shPpkAKsPgcqZIPLVpV6ByFpi3x/ZR3ZNsIX6UHRPvAmi4WpHe1jBsSeVINtHYw"
    "or35fomlhU7Kv2Lrdt6PYFQEDGKQVH2YFDHA69CCKh72s+FgjDkDBJW02Nq44/B2ML8ESf"
    "0R7MBtkYpupwhzAYLJh/pCLjOaPYBh+ZyX0bVKKktg1N0D22qfUCgV5DLhaCwHyVilRDu7"
    "4HS0Z1wL5XShZtxm06LJUzhdtwgYwJ37X11Y6Bhvmp0Tg+PmscHZ+eN0/OzprnR1Mxk6+a"
    "pWranV+VsEk510jplCtK4ff/IaYMiKwg5bO45Yj555aVKTlfP51DztezeiaW86oqLTMj0i"
    "rqjxRqpz8ypKoN7G4h7Z5G7rT7Wmv32L1VNXMa+TRmfkpHsulWzgUTz6h2o3CjTOomwpEK"
    "OjcUlvOLXIiTDih7CcqORBm/g0DADbBDVYrPpkIqAca1JAtEHIysFKTSjEq/Fkrc5fX8uO"
    "T7UFONQ7+V2Gw/VdKC5Y5x+Q7xcUFY+3ngM1OZCumR1J+TX2pr6CFnaD5sF2yiM7Re2H4L"
    "Nd6yUrYbmqI9Wm1ss7T8rMflgvnZNHIJzj/cEdZlOW+6899l4X84M6u8lAHKYBFDZ7E7U6"
    "+1qTcraNuZeUEzr1EKZueeV25l8LWiSN2WBxB55EKhxJrZdtWRhA6eMXBSKVhLo54uZKut"
    "KgZO09ysN+bgGVqVEq3r0kxTV70H8KqIKkynUVvH9IoWdLUUTwKyO/iYffFCUZWndrFbF7"
    "dhX5vJ66NXLhKrqup9i6Q7zF4WzZxhh/g3v18Tuyy3M+vi6paQ/7DypL1erWUZ+2gpV0jX"
    "q+UxX66+nJwlX4jYJcGXnQQnDqZ2FXc/BWxhGvy4cTSHs4dWpd5e16XdvSYMognPwTb9lx"
    "Ss6kfIzmC37r74SlhXm5f+XTFmiDDbF5nVm/PQDK3Kb/I0S2lecH2XwJdC/hqt8JVQb1Hh"
    "2nhiVF3lWdzWRWyNo3nYhlalbOu6NNvq5ueYg06r+rFPDrh9O0uj2ZyH8GaznHBVl0lGCA"
    "MkJ70vWNttzm2CWYkQTOIyXPcBuKrFHe0uT6v82t3uu1TitN3J3H29ur1sX8DmormHRjSI"
    "8fKHy0DcPfEojFJ0E/kRypPIJyR9WrLJrIuJkMQxsOXQgnTyY8xn0Tv2K7DvenxA7YIt5r"
    "eb7lXJfh5Dsuc01JToP31xbGUeNI44+z61JWXiUA37HEGnoihlhmg737ts/Z3d6V+967az"
    "0anqoL37AnFunwsPaHWZPQmdzYacqYV+ceaRmu9aC1o9jdxZfV2sXnCSGs4+cwHG5kPKFr"
    "0BkwTvDs3Xx9SVL7TnvptdxkHC9n0zu/ozhBboeHNUKztFCKv3Hz1HwHHDtTk8+FE+pfzO"
    "68blZwUQ5BV/016e/UhAtvC8YCWJD/VmVWA4bL6F7NbnyuPVZ+Tx6vk8HowoC68SlUd8Cc"
    "jTR3zPoy+WFts960dtD/8DVD86uQ=="
)
