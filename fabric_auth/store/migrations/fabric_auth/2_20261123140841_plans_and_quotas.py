"""fabric-auth migration 2: plans_and_quotas.

Written by `fabric-auth db makemigration`; holds the SQL of every supported dialect.
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

SQL = {
    "sqlite": {
        "upgrade": 'CREATE TABLE IF NOT EXISTS "fabric_auth_features" (\n'
        '    "code" VARCHAR(64) NOT NULL PRIMARY KEY,\n'
        '    "name" VARCHAR(200) NOT NULL,\n'
        '    "unit" VARCHAR(64) NOT NULL,\n'
        '    "created_at" TIMESTAMP NOT NULL\n'
        ") /* Something plans grant: a metered amount (`ai_generations`) or a "
        "capability (`sso`). */;\n"
        'CREATE TABLE IF NOT EXISTS "fabric_auth_idempotency_keys" (\n'
        '    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,\n'
        '    "subject_kind" VARCHAR(32) NOT NULL,\n'
        '    "subject_id" CHAR(36) NOT NULL,\n'
        '    "feature_code" VARCHAR(64) NOT NULL,\n'
        '    "key" VARCHAR(200) NOT NULL,\n'
        '    "state" VARCHAR(16) NOT NULL,\n'
        '    "counter_id" BIGINT,\n'
        '    "amount" BIGINT NOT NULL,\n'
        '    "limit" BIGINT,\n'
        '    "remaining" BIGINT,\n'
        '    "resets_at" TIMESTAMP,\n'
        '    "created_at" TIMESTAMP NOT NULL,\n'
        '    "expires_at" TIMESTAMP NOT NULL,\n'
        '    CONSTRAINT "uid_fabric_auth_subject_d57fa7" UNIQUE '
        '("subject_kind", "subject_id", "feature_code", "key")\n'
        ") /* The first outcome of a quota consumption sent with an idempotency "
        "key; a retry with the */;\n"
        'CREATE INDEX IF NOT EXISTS "idx_fabric_auth_expires_4b41ac" ON '
        '"fabric_auth_idempotency_keys" ("expires_at");\n'
        'CREATE TABLE IF NOT EXISTS "fabric_auth_plans" (\n'
        '    "id" CHAR(36) NOT NULL PRIMARY KEY,\n'
        '    "code" VARCHAR(64) NOT NULL UNIQUE,\n'
        '    "name" VARCHAR(200) NOT NULL,\n'
        '    "is_default" INT NOT NULL,\n'
        '    "is_active" INT NOT NULL,\n'
        '    "created_at" TIMESTAMP NOT NULL,\n'
        '    "updated_at" TIMESTAMP NOT NULL\n'
        ") /* A named bundle of feature limits (`free`, `pro`). */;\n"
        'CREATE TABLE IF NOT EXISTS "fabric_auth_processed_events" (\n'
        '    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,\n'
        '    "source" VARCHAR(64) NOT NULL,\n'
        '    "event_id" VARCHAR(255) NOT NULL,\n'
        '    "processed_at" TIMESTAMP NOT NULL,\n'
        '    CONSTRAINT "uid_fabric_auth_source_0463fc" UNIQUE ("source", '
        '"event_id")\n'
        ") /* An external event (a payment webhook) already handled, so a "
        "redelivery is skipped. */;\n"
        'CREATE TABLE IF NOT EXISTS "fabric_auth_usage_counters" (\n'
        '    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,\n'
        '    "subject_kind" VARCHAR(32) NOT NULL,\n'
        '    "subject_id" CHAR(36) NOT NULL,\n'
        '    "feature_code" VARCHAR(64) NOT NULL,\n'
        '    "period_start" TIMESTAMP NOT NULL,\n'
        '    "used" BIGINT NOT NULL,\n'
        '    CONSTRAINT "uid_fabric_auth_subject_268bb0" UNIQUE '
        '("subject_kind", "subject_id", "feature_code", "period_start")\n'
        ") /* Units of a feature a subject used in one period: the ledger "
        "quotas are enforced on. */;\n"
        'CREATE TABLE IF NOT EXISTS "fabric_auth_limit_overrides" (\n'
        '    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,\n'
        '    "subject_kind" VARCHAR(32) NOT NULL,\n'
        '    "subject_id" CHAR(36) NOT NULL,\n'
        '    "limit" BIGINT,\n'
        '    "period" VARCHAR(16),\n'
        '    "created_at" TIMESTAMP NOT NULL,\n'
        '    "feature_id" VARCHAR(64) NOT NULL REFERENCES '
        '"fabric_auth_features" ("code") ON DELETE CASCADE,\n'
        '    CONSTRAINT "uid_fabric_auth_subject_ba6c34" UNIQUE '
        '("subject_kind", "subject_id", "feature_id")\n'
        ") /* A limit for one subject and feature that wins over its plan's, "
        "whatever the plan. */;\n"
        'CREATE TABLE IF NOT EXISTS "fabric_auth_plan_limits" (\n'
        '    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,\n'
        '    "limit" BIGINT,\n'
        '    "period" VARCHAR(16) NOT NULL,\n'
        '    "feature_id" VARCHAR(64) NOT NULL REFERENCES '
        '"fabric_auth_features" ("code") ON DELETE CASCADE,\n'
        '    "plan_id" CHAR(36) NOT NULL REFERENCES "fabric_auth_plans" ("id") '
        "ON DELETE CASCADE,\n"
        '    CONSTRAINT "uid_fabric_auth_plan_id_16db1d" UNIQUE ("plan_id", '
        '"feature_id")\n'
        ") /* How much of a feature a plan grants per period; a plan without a "
        "row lacks the feature. */;\n"
        'CREATE TABLE IF NOT EXISTS "fabric_auth_subscriptions" (\n'
        '    "id" CHAR(36) NOT NULL PRIMARY KEY,\n'
        '    "subject_kind" VARCHAR(32) NOT NULL,\n'
        '    "subject_id" CHAR(36) NOT NULL,\n'
        '    "status" VARCHAR(16) NOT NULL,\n'
        '    "active_key" VARCHAR(100) UNIQUE,\n'
        '    "anchor_day" SMALLINT NOT NULL,\n'
        '    "started_at" TIMESTAMP NOT NULL,\n'
        '    "ends_at" TIMESTAMP,\n'
        '    "ended_at" TIMESTAMP,\n'
        '    "plan_id" CHAR(36) NOT NULL REFERENCES "fabric_auth_plans" ("id") '
        "ON DELETE RESTRICT\n"
        ") /* A user or service account on a plan. Keyed by (subject_kind, "
        "subject_id), not by a */;\n"
        'CREATE INDEX IF NOT EXISTS "idx_fabric_auth_subject_cbc592" ON '
        '"fabric_auth_subscriptions" ("subject_kind", "subject_id");',
        "downgrade": 'DROP TABLE IF EXISTS "fabric_auth_idempotency_keys";\n'
        'DROP TABLE IF EXISTS "fabric_auth_limit_overrides";\n'
        'DROP TABLE IF EXISTS "fabric_auth_plan_limits";\n'
        'DROP TABLE IF EXISTS "fabric_auth_processed_events";\n'
        'DROP TABLE IF EXISTS "fabric_auth_subscriptions";\n'
        'DROP TABLE IF EXISTS "fabric_auth_usage_counters";\n'
        'DROP TABLE IF EXISTS "fabric_auth_features";\n'
        'DROP TABLE IF EXISTS "fabric_auth_plans";',
    },
    "postgres": {
        "upgrade": 'CREATE TABLE IF NOT EXISTS "fabric_auth_features" (\n'
        '    "code" VARCHAR(64) NOT NULL PRIMARY KEY,\n'
        '    "name" VARCHAR(200) NOT NULL,\n'
        '    "unit" VARCHAR(64) NOT NULL,\n'
        '    "created_at" TIMESTAMPTZ NOT NULL\n'
        ");\n"
        'COMMENT ON TABLE "fabric_auth_features" IS \'Something plans grant: '
        "a metered amount (`ai_generations`) or a capability (`sso`).';\n"
        'CREATE TABLE IF NOT EXISTS "fabric_auth_idempotency_keys" (\n'
        '    "id" BIGSERIAL NOT NULL PRIMARY KEY,\n'
        '    "subject_kind" VARCHAR(32) NOT NULL,\n'
        '    "subject_id" UUID NOT NULL,\n'
        '    "feature_code" VARCHAR(64) NOT NULL,\n'
        '    "key" VARCHAR(200) NOT NULL,\n'
        '    "state" VARCHAR(16) NOT NULL,\n'
        '    "counter_id" BIGINT,\n'
        '    "amount" BIGINT NOT NULL,\n'
        '    "limit" BIGINT,\n'
        '    "remaining" BIGINT,\n'
        '    "resets_at" TIMESTAMPTZ,\n'
        '    "created_at" TIMESTAMPTZ NOT NULL,\n'
        '    "expires_at" TIMESTAMPTZ NOT NULL,\n'
        '    CONSTRAINT "uid_fabric_auth_subject_d57fa7" UNIQUE '
        '("subject_kind", "subject_id", "feature_code", "key")\n'
        ");\n"
        'CREATE INDEX IF NOT EXISTS "idx_fabric_auth_expires_4b41ac" ON '
        '"fabric_auth_idempotency_keys" ("expires_at");\n'
        'COMMENT ON TABLE "fabric_auth_idempotency_keys" IS \'The first '
        "outcome of a quota consumption sent with an idempotency key; a retry "
        "with the';\n"
        'CREATE TABLE IF NOT EXISTS "fabric_auth_plans" (\n'
        '    "id" UUID NOT NULL PRIMARY KEY,\n'
        '    "code" VARCHAR(64) NOT NULL UNIQUE,\n'
        '    "name" VARCHAR(200) NOT NULL,\n'
        '    "is_default" BOOL NOT NULL,\n'
        '    "is_active" BOOL NOT NULL,\n'
        '    "created_at" TIMESTAMPTZ NOT NULL,\n'
        '    "updated_at" TIMESTAMPTZ NOT NULL\n'
        ");\n"
        'COMMENT ON TABLE "fabric_auth_plans" IS \'A named bundle of feature '
        "limits (`free`, `pro`).';\n"
        'CREATE TABLE IF NOT EXISTS "fabric_auth_processed_events" (\n'
        '    "id" BIGSERIAL NOT NULL PRIMARY KEY,\n'
        '    "source" VARCHAR(64) NOT NULL,\n'
        '    "event_id" VARCHAR(255) NOT NULL,\n'
        '    "processed_at" TIMESTAMPTZ NOT NULL,\n'
        '    CONSTRAINT "uid_fabric_auth_source_0463fc" UNIQUE ("source", '
        '"event_id")\n'
        ");\n"
        'COMMENT ON TABLE "fabric_auth_processed_events" IS \'An external '
        "event (a payment webhook) already handled, so a redelivery is "
        "skipped.';\n"
        'CREATE TABLE IF NOT EXISTS "fabric_auth_usage_counters" (\n'
        '    "id" BIGSERIAL NOT NULL PRIMARY KEY,\n'
        '    "subject_kind" VARCHAR(32) NOT NULL,\n'
        '    "subject_id" UUID NOT NULL,\n'
        '    "feature_code" VARCHAR(64) NOT NULL,\n'
        '    "period_start" TIMESTAMPTZ NOT NULL,\n'
        '    "used" BIGINT NOT NULL,\n'
        '    CONSTRAINT "uid_fabric_auth_subject_268bb0" UNIQUE '
        '("subject_kind", "subject_id", "feature_code", "period_start")\n'
        ");\n"
        'COMMENT ON TABLE "fabric_auth_usage_counters" IS \'Units of a '
        "feature a subject used in one period: the ledger quotas are enforced "
        "on.';\n"
        'CREATE TABLE IF NOT EXISTS "fabric_auth_limit_overrides" (\n'
        '    "id" BIGSERIAL NOT NULL PRIMARY KEY,\n'
        '    "subject_kind" VARCHAR(32) NOT NULL,\n'
        '    "subject_id" UUID NOT NULL,\n'
        '    "limit" BIGINT,\n'
        '    "period" VARCHAR(16),\n'
        '    "created_at" TIMESTAMPTZ NOT NULL,\n'
        '    "feature_id" VARCHAR(64) NOT NULL REFERENCES '
        '"fabric_auth_features" ("code") ON DELETE CASCADE,\n'
        '    CONSTRAINT "uid_fabric_auth_subject_ba6c34" UNIQUE '
        '("subject_kind", "subject_id", "feature_id")\n'
        ");\n"
        'COMMENT ON TABLE "fabric_auth_limit_overrides" IS \'A limit for one '
        "subject and feature that wins over its plan''s, whatever the "
        "plan.';\n"
        'CREATE TABLE IF NOT EXISTS "fabric_auth_plan_limits" (\n'
        '    "id" BIGSERIAL NOT NULL PRIMARY KEY,\n'
        '    "limit" BIGINT,\n'
        '    "period" VARCHAR(16) NOT NULL,\n'
        '    "feature_id" VARCHAR(64) NOT NULL REFERENCES '
        '"fabric_auth_features" ("code") ON DELETE CASCADE,\n'
        '    "plan_id" UUID NOT NULL REFERENCES "fabric_auth_plans" ("id") ON '
        "DELETE CASCADE,\n"
        '    CONSTRAINT "uid_fabric_auth_plan_id_16db1d" UNIQUE ("plan_id", '
        '"feature_id")\n'
        ");\n"
        'COMMENT ON TABLE "fabric_auth_plan_limits" IS \'How much of a '
        "feature a plan grants per period; a plan without a row lacks the "
        "feature.';\n"
        'CREATE TABLE IF NOT EXISTS "fabric_auth_subscriptions" (\n'
        '    "id" UUID NOT NULL PRIMARY KEY,\n'
        '    "subject_kind" VARCHAR(32) NOT NULL,\n'
        '    "subject_id" UUID NOT NULL,\n'
        '    "status" VARCHAR(16) NOT NULL,\n'
        '    "active_key" VARCHAR(100) UNIQUE,\n'
        '    "anchor_day" SMALLINT NOT NULL,\n'
        '    "started_at" TIMESTAMPTZ NOT NULL,\n'
        '    "ends_at" TIMESTAMPTZ,\n'
        '    "ended_at" TIMESTAMPTZ,\n'
        '    "plan_id" UUID NOT NULL REFERENCES "fabric_auth_plans" ("id") ON '
        "DELETE RESTRICT\n"
        ");\n"
        'CREATE INDEX IF NOT EXISTS "idx_fabric_auth_subject_cbc592" ON '
        '"fabric_auth_subscriptions" ("subject_kind", "subject_id");\n'
        'COMMENT ON TABLE "fabric_auth_subscriptions" IS \'A user or service '
        "account on a plan. Keyed by (subject_kind, subject_id), not by a';",
        "downgrade": 'DROP TABLE IF EXISTS "fabric_auth_idempotency_keys";\n'
        'DROP TABLE IF EXISTS "fabric_auth_limit_overrides";\n'
        'DROP TABLE IF EXISTS "fabric_auth_plan_limits";\n'
        'DROP TABLE IF EXISTS "fabric_auth_processed_events";\n'
        'DROP TABLE IF EXISTS "fabric_auth_subscriptions";\n'
        'DROP TABLE IF EXISTS "fabric_auth_usage_counters";\n'
        'DROP TABLE IF EXISTS "fabric_auth_features";\n'
        'DROP TABLE IF EXISTS "fabric_auth_plans";',
    },
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.schema_generator.DIALECT]["upgrade"]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.schema_generator.DIALECT]["downgrade"]


MODELS_STATE = (
    "eJztXVtz2ziW/isov4y9q7jii5KMe2ar7LQzcceJU75sz057SoJESMKIJBiQtKPp6f++OC"
    "Ap8S5CJm2KwUtikTgA+QEEzv38vjPBI07HA+x7s/1Th34ii50T9PuOjS0i/si73UM72HFS"
    "N+Gqh0dmmmiAHTqYk4UryUaux/HYE20m2HSJuGQQd8yp41FmA+WpjU6/XiBBgNgEYeS7hC"
    "PGxV/ijwc6JgiPx8y3vX10ZZsL5M0Iuvl4+uqw/wYI4CfQUhe5HuPE2IdhDTYW41J72sgI"
    "9/a9ff5dvJVozGwCjYbQ6RBh20DDsNdB2OtQUhLR+zV7hD7wAuGJJ56Bkwc2xgAE2jWp6x"
    "EDYffehstzYuzJ3qYMPVJvBk9BxVM/2oTLN/Rt+s0nA49NibjFxXv+9k9xmdoG+U5c+Pnb"
    "DjzTgBrQfMwJFv0PsLcjmv22k3rGnFbQmzMfTCgxjcT6CJrK6wNv4chrd3cXP3+QLQH80W"
    "DMTN+yV62dhTdj9rK571NjH2jg3pSId4JhY2vE9k0zXFrRpeCFxQWP+2T5psbqgkEm2Ddh"
    "pe38ZeLbY4mrHAn+Of6f8NFizQaDL1e3g5vz28FgJ7Mw4RFSKym8NGY2LGpqe4Dz738E/a"
    "4AkVd3YID3H0+vd4/e7EkImOtNubwp4dr5QxJiDwekcs5WKIsVN5hhd5bF+v0M83ys4zQp"
    "xMUDN4N1BFMDwO5Y+PvAJPZU7DUn6M1xCdD/e3otsX5zLLFmYssJ9qUv4Z1DeQsgX0FsUN"
    "cx8WLgcDKh31WAzlLWA3d0YYX3atN8dsAP3lQA/OBNIeBwKwm4iV3vWAXnJUEH4a2ynItX"
    "c2Yxy/8VoI3adxDZw9evK2ArWhWiK+8l8XXHDHrJIPzLzdWXfIRXFCmMDTr20H8QnPhNYR"
    "07AUc+NT1qu/sw3kscgoAQ9Gy57jczjvPu59O/p6fg/eXVWfq0hA7OUtMR41QyU/KzuONR"
    "i+RPS5IyPTUh6X70xxZ+DCVTcXvx+fzm9vTz18R8/Hx6ew53DuXVRerqbnqHX3aCfr24/Y"
    "jgJ/rH1Zfz9LQt293+YweeScgGbGCzxwE24phEl6NLiWkm3x0quttgmpOUeppbPc3RNzla"
    "BFOkcI7lkG50pIWMbVtmN3miHR1WONCODgvPM7iVv38K2NTkuQzhE0S7lmH+FEEuyeQOhO"
    "S9ydmUpq1h29oejLdu11rNFnVUpZo43fOx4DtNsX9Ni+qhSmyDTypJqT+oNn9Q0VyNFiqf"
    "U5Kqe4f/QSVx9qBEnD3IirOcOCYeF2BdfPqnyPTZn1IS5GrVq4KbT60xTmIcM2pUBTZGot"
    "H84w+w7EzmuVYHQCqL7AfGCZ3an8hC4nshngPb4zxZK247vAv72kpYV1dXj8jx49IcFl9T"
    "4v0NYhIvOKdOb96f/ny+U7Yv1IXwTdDt6arXbmKdvzHmww6Le4TH80fMjUFilcMddshSV5"
    "Zts7esQyt9Bdt4KnGCF4LHTxjLfYN6gk+h9k6hPX3VpKdmUwfCwXhJudasfjsjyBXgmwRx"
    "9oh2qYEO9hB5IHyBZGdIjE5sA5lsPHfRhHLXO0HisgCbYpP+m7hhC/H/mDNXarITdvX6h7"
    "i3abjyXWn85sQi1ohwVxrh5dv/yUXQpbjbC63oGDk+nwoIHmeEE+hf8JdoRKag9N7pVTGV"
    "K9m6L2xPwdRNK32YLTO8TuERXh0eHL89fnf05vidaCIfc3nlbcnpc/Hldo1tWwrALvmWxf"
    "aMTgvhjVPVA3KV7e91sxj/+fDw6Ojt4eujN+/6x2/f9t+9XoKdvVWG+tnF3wD4hAQQzUQK"
    "eVW3ggSRVlasVVaI/WvGuPoCT9LpJb7ZEg9RVF3kKTK9zHOXeUZ0eGl26/yBSLaxhN0Kmm"
    "zCbhGgrOjGeGULZoiMfU69BZKEgiERPzxiI2pL/sUVTyjOcWy7ODDN4yVfY08l48LJmHHD"
    "zbow1to7uC9KV8QJ45Zgn2DNB8wV2nUJWTowuvsShuHeCRpCmyEaswdgxgIWjwEzhYIvCP"
    "ixe3vocPIgP6FhT44dkoVOlMAkYg+6/4ZeoQPRxmWIiBHES/aA12MP4i/wzOREPCiBlxeP"
    "J8ju7REneB5jA6Ejbyb+EXebYPLK9umqfF7IsrWdzXuW/bmYGVQ+Jms9H3+YCVgBzsZiH+"
    "EbGVNSpM/jVfGcM9Ila0pwDCjxQEuKptifLrkPM98bMzWnyxhJB/0u63cYFgtS8OSqLkFJ"
    "qu4ZBOv3BgoQy+OD1qGcywvVhXGXdgsPc8GZKq/lFJlezOsXcwiZ2mpOEOnlvHY5UwdYEc"
    "Gt5LjEF6OcpNI6lrUwSysjnpI8m2ExzEmqzsHcP6iyZ4hWhUDLe2mHGPGeruq2kaTqHNIH"
    "h++qsHSH74p5OriXCrsjHqamUihNjKQdsTQwbGdiaZZaO5WVnyDqoDBT/16uirAGd4uMER"
    "8I9nxOdoosEdH9npIZYhJQVTRB3DCLeDNQmjsmtl005dj2ThBG4jLhkFzAAvcZtDvEdBCu"
    "H0HqDveCbAhj7OARNcHEsDt0XTbcyxoiGhrjCdr7MTPUAobC9jpAvmDHKlbVtz/G+Jn4ok"
    "YijMWLqnH5YfvOoVv/0aujhYuhFy9oQNqbcO/aEgtIuM1mDCAKPEFMk/9AOKdGXnj/WUj6"
    "4dM1MXGBeSR+0F9Si3pXYYdbuB6KfHKTEoM4+wcmvGkdkH0VvUnYugRX4xznhUEsh3nEHi"
    "/KMnilmqnxn3RFrJDRC/yCpbMvCu1dQdqtbz7zBAMokPIt2Ra5RHCKMrsVtlFsLEi39RN4"
    "fhCPL5bprzK8aEPj3NvSlQZSfglu1AXPGZg2BK7JYq+EQYLOpXvKVEz6PvoiKFwHIqPQaI"
    "Fcf/QvMvakC3PIwhdxub/thI0Hc7GCoVH0O1REBeSDiGsVTxWk5tKOLe3wqyhxbElNbFW+"
    "Lk3XQfm/fqNP6qupGnGXoKozSV07jqUnhtqlN5+qKzhN18EVXL+MMidKUc9h8w5C20z6Lk"
    "/AobQLRwQdRLh+Rx0Zl1cQl1vGcSTpNnLpbJt3w8sEPVj5caWl4SZLGh1qsmE0VSS0KgSx"
    "RSR6rW+KOieWeAJ4LiXkE2Qa/c3Rd4VQvFEinhihzsPTZs9xrS7/IaZ5u5Jr6jCQ6rPcJs"
    "+IpEGkSE2dMZsoaKklTzVIGHEqlJ1AkgxiIGUNhxydbRBg+EhtF0HniHqu9Hr4kwu5JsRi"
    "hosQkQgXc8pONDHC5ipkrTZuE0Ol1cbVpkSrjVvC3ahkwNVi8bPtIzGbPOGUKe0YK4ruhR"
    "U1oOLUQtEP4kOUZwJTCwtJUnXwJG7IgTuDexb0zTIlxtyvtwz3IgejXipHYnLJtS434iW1"
    "57dsTopTI65a9BSlP3su5CFBWFnyC5IWvvJdIYABIbIwNWXxPYQR9HeCHOy6j4xDCkKXeD"
    "0EymMTCXGMTmhQsq+HIF3Cg/w7T/irfxDI2yMLFIKYGBUoXFUlRO+XXklC6hTXQegU6wYS"
    "7DAbm2h49xW2VLS/v49+/Xh+fY7CUgPo4ube/nJ3eRmk5MHhA4tHm0MvY4Jm7FHKomKSFy"
    "gMehOiKjy37cFwMh1PmITIYpa4ukmVQsfnYv8mJcUH5ZMpByslqbTnf4EzQrFQGk2MCne5"
    "IungAVi/KCo/fhWAlwSdhLeKD4hoVQJwxgck2m5Fn/aUcIdTtbDqIvoO4q9DMNqhdWmTuN"
    "RBm5Ke5g2necP6Vrq01fbM78sU2diij3arqmy0FNenl9l4SZ0Gm1L7dsaZ55kllu1Eq56a"
    "bgNoB15IXFG/8SHQM7hiLb0Cy7IMUYIgKZugsIIGxOJPOLMCFYFJQYgPEzP1pH0aNAxQtS"
    "Gr2Ki1d9BonMtkwlGWYlCO5OgshunMxEDOfG+4JzUWclhQfIhPZuEi8l0AdG8/zqTWxV4g"
    "7HnEcsSomHP6QEBbAWqNHoI0yeK+7UOVCYjsWtafKLG2Q11nuKtjsVpmDCsxqkdzVtmaHh"
    "F0ULir3zamY1dCaI8rxa4cl8SuHGdjV6LdKwtxsW9/jKQz3v1PrEcTP56pGaXVqQhonEQD"
    "mgmECE5jFUDjJBrQPECFqAxcTY5OeE0R6RStlrTbLGnL4krhdr1pxfAkuVadtW7C2+SPDd"
    "lWdoqEVXmzpySjyjxwVS3vMKaBRr5tmDJbR+QHHeSSQbvDCSdk2ENDh+emn9uoh5pLwxSr"
    "wOrXfq0X3WLZSeVI8M/xS6QmXesgWiyd6RR+jZnddMq+JrMKUHf52BmMzxgzCbYLdooEYQ"
    "rskaBsCu3llefdHM6uri4TB/TZRUqH8+Xu89n59e6BhF80ol5CtZPAXPpE5SzrdZCv6J4R"
    "8Wg32VrAteW+eIvpruOz7xgbznqSUs96W2Y9RzpZZipUTpmpkz9WzZXp+qNl53UAdhPrr0"
    "uYPYvgG6y0Mul3uRYVReBYOtT1gvBH9ogsfzwLElZGIiyWYb5BSnUXOYSjIELrp+gOZKhk"
    "vhfUREWmgCaoiBrPMZkQlxscJ9c06oTqAx1yvFXWUR2w+Xyz8IIBm5uJ5xazg61vGw3TOn"
    "zvmfRM8ghU05bGSLTDYLnD4PJcrcFhMFLxbyeuax0GY6sq32EwZ3uoC1odZfrCHplfORsT"
    "1yXG+QOxS/j8ZDNFZj8iHhCgrmr6shH57hEOPo2SDu0KZhsvLJmanoxmjM33EDZBtbBAMw"
    "zmLSOMxuREoEylmyREe86p4xAjxzbWyBD5LpDM58HXIAeC5aBZ/RYxmSWOkMuZq+wJuaTQ"
    "jFAFRmj5QShAHKfpIMiH/X4V01u/X2x6g3vpopXRNqyuoU7TdlBHvb066fZ5zFyTiXibWX"
    "n6ikQjNY6CB6RKSSyubAiWcH0CySMkeZC0oYfmxPEgyUSUIILZ5qInbqIJDUMvXLH2qYx8"
    "MJDrME/04Ls52sOGxniCO47O/vAi2R9WdTyzsBfybUmi53PxbZ6Fq83LV1vWO3t+JSyAwV"
    "6ommQyQaU1ZOUashCtujQ5N6vuthPdtZqc5PJqnSbnmjywIAVWCce1bKLKb0WE1TOGhewM"
    "45Azi6PHGXNlvKu4HjBFLrJ814NcXI5MnAXRqCMyYTLJM1mgIL1FbqKwuvqGaNprqFA4Wo"
    "ACCHQ54WpHuxjIMZfZp3tLA+81Majbg/YOM03R7Z4gEWwccHDUfmURi4leXOKJvq/ZI8TP"
    "EnhIEx5NJgYbrtJ2DNEuGIkhIiFMAbbMJBZykatnRqs5uLfHzDcFl+hR0xRN0AM2qbGHBL"
    "8mE6SBjgq4SBja8blYMtBBYTZsrYbaCjVUmEFZAqnAyqfpOqgtqd8IqpNcN5DkGjaw+Ua8"
    "e5JS8+6t5t23K5+VrpGypRpGVpJARt5U5HBZ5WwxUUSdYPLAS9Ah3KIBPxr6B+4OgSt1T0"
    "zqehBXx4nDuOee/FdZfN7GvelYvVacc8Wc28sGlHVQ7bqCNv5YCginyDoXudevFLnXL4nc"
    "62cj91Y7U45P/i83V18KPTDjZOlTnY499B8Ee1tjmK+2kJFPTU9I+Psw3kvsIgBT4oSPEN"
    "/9fPr39GS8v7w6S2830MFZNrwvfLEc+XxNfF+MUIdU6gi/HzjWS0f4/YizXmuEX5hqcRAm"
    "dZR1NmqJXwv6PQ26jYSbLVsglSL/ZO7SumCDPK9dA6txuTq51naKJOxUs56SrJ36TiqL3R"
    "Yez6hNEJQRGFMHmydoxsSbISm8CyZyDpF6sIZ6MtsqWGSko4203kgTzenXCzQnCzdPDq+7"
    "ey2Yt1wwd01/qmRKCdtrwXytYN7+JDrP58vbRBodrfjItwS+rgQ2NCu2Br7Ows0eBSQDj2"
    "BLBe0kVfcqhjaysiP5eJSTH7n4CExSPeEobBng9VhedQIorR5qy4reUkWBVg/9iLNepB5K"
    "smJhwdGNZj5LrZNPt2eylf0eYiUIHDoAVUANiqxTh34K6j9s5byXq/xAuaI1pW1U/pW62O"
    "QjvbkSUM0BJyRelk8CPR24eGOpq8t3GV9LkR+3n3xMaAcEOnh/O7ympQ/VRgdzklKzZG05"
    "pasw4vJMUdOhx0i043baGz61VatG5eVRa5DXRedlzp16ovTSdrvtBLtCsF7eqluf34qHnE"
    "wdYHeM/0xDHNsyWxcMGUWjFrOvy2hVJZ515chYiU0NSn6eyLKeYUKIV0F83wRbFDJAgCci"
    "xOcxGbEXxPiJkSHAEAzKYG3OZWfr63m9mfq3eE3ZWCzOP7X9+mXt1zivikaJ/RrnFs/ogp"
    "G1fgv2VmXw2JYifZx5G+pJk5RaR9o2Ham2fv1w0ywLKfqb5ZNL0+qpbvVUb1dMr57mDae5"
    "RRH6+nhufJbFWeuquQ9mKbvn1Fa/JCGFZzwleVq8YqyTVJ3z1OwfHFYJUT04LA5RhXspPz"
    "cHvgPxqeTYkouRTlJ1DumGFrSaiidGojX/5Zp/gKouDfRd2Nd24rpWAx1bVaoa6PhxmM4l"
    "/EQnlHRe446A/wzuJ2KBiycDX6dCvf2qSU9NdR8QLl2yKtWfwO7CsoiAaxwmFwxV7GFnEO"
    "q1j25nkGVvZIpGM2xOoBqE/OnOiAERYpC775dfP938BH9lVflNjHJvO1z6FC7bup7YPwxE"
    "7DFfOGAWkCFrGPpGBhGNxaUJZxYafjg9u754Pzi9u/0oltL7a7GaPp3/3/CpEW1ztfz+8z"
    "pT+3cw0qrYKIDNKeNicpUiVRJEHTQP1J8hMPgWB/96nGdxLkmGkqB6/lwoL8MLNZL1JNzh"
    "YEMfLLe17Fzcku8FtprCDjqx/ssUFud/vy2fjqW+4vLqy9+i5uk50hEvP6DuKApW2EQVnK"
    "bVU93qqeZiEviGyuA4pVYGt22WFeJZmpf54rXZC6W+VAF3FbkvXUu+it+WTCrPeCZoAKrz"
    "yHrf+0hIoESmjd+Nsj7PKeSJX+WA3ushm3nQBGelvtqHuLcngYYIRDrITwKp5sOWkLvkgY"
    "CUaAXJ5LEt/cYkYJV9wOIPATSxbNfaEeyFHcFSU1PZISxF1wnONyn5HVUxMxwVWxmOMkYG"
    "nRu+iRADD3u+ktVmRdHBVVu/viLI4wDCrpJeKEFVi7G3Rcq4g6rJYspyxWSAtsczxgcGzg"
    "H6xsKmWeg8mqR8PufRg6bADpxHjw7fvln6jcKPMpfRm8+nl5dZv1FZiGcjWSRJqUXO1gkj"
    "CTcz29jIx2xFpoXNls/vRh9xnE7PcJtnGCRXRc44RqLZ4nLXEIAqC+1mriFfw762E9e1ri"
    "GxVZVwDbkWS/z64v3ti0Yn3rni5nvQ90hdS77SK9Gop6T08oF0MA5oK2q97myICmQThNGE"
    "CNGKQ7LbUGoFbZURZLslUKGGMuNEehyYxJgSjr75zMNBqUMCeqixaM3sbNxiA2NABcf3Yj"
    "H4FrhKUFeSi9VhUHgxbKLh3VfYGdH+/j4Siy8Y5q/Bf/+NbPTrx/Pr89XPv/wVmdSiUGnH"
    "Zchm97btWyPQ1U2g27HPOZRp5ER8Da7n9qTCzl6gVauogqS4NwZF2wPhhliaJSlGihVrsG"
    "4CoMRsGsEnLaEZSL5WZyHZjiwkWj+n9XPbx4jEQU3vQlVXcGb36t4Krt+/OrHFK4pKaVqt"
    "8Wi1vAR8h9rJHFF0Jrj8Gc7mNhm8pUt+Mc+/Aa9flcUvnhhdqaIVx20xA0ksTE2Vc3dJ0M"
    "ED9+iwitlGtCphGjNmGwmY2Ka5hU3677xNeQ3YKdrOea43gjpsXqqlQuI03Qs/PehXskn2"
    "S2yS/UKYN1zfBeSdMwc3Ab1BXcfEi4HqKk/TdS4stZHiIQ523Ucm+LQZdmcqcGcIu7ezHP"
    "b7VQDv94sBh3u6sog651djZREB3IMQ8cUoeXLjGsjjlLrcrxrq7sL1iCVke2uTOstpao2+"
    "AvoOZxOal5a1JNBuRdKOiuMwbGcqjutgr+Izt7tZ1XV5o67Neo6KOlOfRWbqM9mU2pum+Y"
    "sTa++t9kx19gvXpax+yNkWGGyQDK6AvHuCc7+SpqJfoqno5xXwBY+0zT6zOKX+xNr2iSkY"
    "G3W1ONVqcVAorr5MXZeit86l6UpW7lkVrHgiVrGKGV1EqtYyhGDG71jxl+azvy1BK3OO2K"
    "DQoEwSqFRdUMbmry8pWNQs18k3yuqoiwdWYsBa4bariwcWT9B2Kjx08cBn9xzWyYJ1suBW"
    "RIStTRasywB2rgzgKRF/zgo5yvD2en4Srxq2xsv2R2ECn1h8rJi9eyA8kmir6jxjJB10rG"
    "3EQwi+LAWEw+YdRLeRbDNiRC+3sEixa0SMRCcgVnSCeNFAkj/+H4+WamQ="
)
