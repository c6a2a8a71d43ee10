"""fabric-auth migration 1: plans_and_quotas.

Written by `fabric-auth db makemigration`; holds the SQL of every supported dialect.
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

SQL = {'sqlite': {'upgrade': 'CREATE TABLE IF NOT EXISTS "fabric_auth_features" (\n'
                       '    "code" VARCHAR(64) NOT NULL PRIMARY KEY,\n'
                       '    "name" VARCHAR(200) NOT NULL,\n'
                       '    "unit" VARCHAR(64) NOT NULL,\n'
                       '    "created_at" TIMESTAMP NOT NULL\n'
                       ') /* Something plans grant: a metered amount (`ai_generations`) or a '
                       'capability (`sso`). */;\n'
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
                       ') /* The first outcome of a quota consumption sent with an idempotency '
                       'key; a retry with the */;\n'
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
                       ') /* A named bundle of feature limits (`free`, `pro`). */;\n'
                       'CREATE TABLE IF NOT EXISTS "fabric_auth_processed_events" (\n'
                       '    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,\n'
                       '    "source" VARCHAR(64) NOT NULL,\n'
                       '    "event_id" VARCHAR(255) NOT NULL,\n'
                       '    "processed_at" TIMESTAMP NOT NULL,\n'
                       '    CONSTRAINT "uid_fabric_auth_source_0463fc" UNIQUE ("source", '
                       '"event_id")\n'
                       ') /* An external event (a payment webhook) already handled, so a '
                       'redelivery is skipped. */;\n'
                       'CREATE TABLE IF NOT EXISTS "fabric_auth_usage_counters" (\n'
                       '    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,\n'
                       '    "subject_kind" VARCHAR(32) NOT NULL,\n'
                       '    "subject_id" CHAR(36) NOT NULL,\n'
                       '    "feature_code" VARCHAR(64) NOT NULL,\n'
                       '    "period_start" TIMESTAMP NOT NULL,\n'
                       '    "used" BIGINT NOT NULL,\n'
                       '    CONSTRAINT "uid_fabric_auth_subject_268bb0" UNIQUE '
                       '("subject_kind", "subject_id", "feature_code", "period_start")\n'
                       ') /* Units of a feature a subject used in one period: the ledger '
                       'quotas are enforced on. */;\n'
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
                       'whatever the plan. */;\n'
                       'CREATE TABLE IF NOT EXISTS "fabric_auth_plan_limits" (\n'
                       '    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,\n'
                       '    "limit" BIGINT,\n'
                       '    "period" VARCHAR(16) NOT NULL,\n'
                       '    "feature_id" VARCHAR(64) NOT NULL REFERENCES '
                       '"fabric_auth_features" ("code") ON DELETE CASCADE,\n'
                       '    "plan_id" CHAR(36) NOT NULL REFERENCES "fabric_auth_plans" ("id") '
                       'ON DELETE CASCADE,\n'
                       '    CONSTRAINT "uid_fabric_auth_plan_id_16db1d" UNIQUE ("plan_id", '
                       '"feature_id")\n'
                       ') /* How much of a feature a plan grants per period; a plan without a '
                       'row lacks the feature. */;\n'
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
                       'ON DELETE RESTRICT\n'
                       ') /* A user or service account on a plan. Keyed by (subject_kind, '
                       'subject_id), not by a */;\n'
                       'CREATE INDEX IF NOT EXISTS "idx_fabric_auth_subject_cbc592" ON '
                       '"fabric_auth_subscriptions" ("subject_kind", "subject_id");',
            'downgrade': 'DROP TABLE IF EXISTS "fabric_auth_idempotency_keys";\n'
                         'DROP TABLE IF EXISTS "fabric_auth_limit_overrides";\n'
                         'DROP TABLE IF EXISTS "fabric_auth_plan_limits";\n'
                         'DROP TABLE IF EXISTS "fabric_auth_processed_events";\n'
                         'DROP TABLE IF EXISTS "fabric_auth_subscriptions";\n'
                         'DROP TABLE IF EXISTS "fabric_auth_usage_counters";\n'
                         'DROP TABLE IF EXISTS "fabric_auth_features";\n'
                         'DROP TABLE IF EXISTS "fabric_auth_plans";'},
 'postgres': {'upgrade': 'CREATE TABLE IF NOT EXISTS "fabric_auth_features" (\n'
                         '    "code" VARCHAR(64) NOT NULL PRIMARY KEY,\n'
                         '    "name" VARCHAR(200) NOT NULL,\n'
                         '    "unit" VARCHAR(64) NOT NULL,\n'
                         '    "created_at" TIMESTAMPTZ NOT NULL\n'
                         ');\n'
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
                         ');\n'
                         'CREATE INDEX IF NOT EXISTS "idx_fabric_auth_expires_4b41ac" ON '
                         '"fabric_auth_idempotency_keys" ("expires_at");\n'
                         'COMMENT ON TABLE "fabric_auth_idempotency_keys" IS \'The first '
                         'outcome of a quota consumption sent with an idempotency key; a retry '
                         "with the';\n"
                         'CREATE TABLE IF NOT EXISTS "fabric_auth_plans" (\n'
                         '    "id" UUID NOT NULL PRIMARY KEY,\n'
                         '    "code" VARCHAR(64) NOT NULL UNIQUE,\n'
                         '    "name" VARCHAR(200) NOT NULL,\n'
                         '    "is_default" BOOL NOT NULL,\n'
                         '    "is_active" BOOL NOT NULL,\n'
                         '    "created_at" TIMESTAMPTZ NOT NULL,\n'
                         '    "updated_at" TIMESTAMPTZ NOT NULL\n'
                         ');\n'
                         'COMMENT ON TABLE "fabric_auth_plans" IS \'A named bundle of feature '
                         "limits (`free`, `pro`).';\n"
                         'CREATE TABLE IF NOT EXISTS "fabric_auth_processed_events" (\n'
                         '    "id" BIGSERIAL NOT NULL PRIMARY KEY,\n'
                         '    "source" VARCHAR(64) NOT NULL,\n'
                         '    "event_id" VARCHAR(255) NOT NULL,\n'
                         '    "processed_at" TIMESTAMPTZ NOT NULL,\n'
                         '    CONSTRAINT "uid_fabric_auth_source_0463fc" UNIQUE ("source", '
                         '"event_id")\n'
                         ');\n'
                         'COMMENT ON TABLE "fabric_auth_processed_events" IS \'An external '
                         'event (a payment webhook) already handled, so a redelivery is '
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
                         ');\n'
                         'COMMENT ON TABLE "fabric_auth_usage_counters" IS \'Units of a '
                         'feature a subject used in one period: the ledger quotas are enforced '
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
                         ');\n'
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
                         'DELETE CASCADE,\n'
                         '    CONSTRAINT "uid_fabric_auth_plan_id_16db1d" UNIQUE ("plan_id", '
                         '"feature_id")\n'
                         ');\n'
                         'COMMENT ON TABLE "fabric_auth_plan_limits" IS \'How much of a '
                         'feature a plan grants per period; a plan without a row lacks the '
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
                         'DELETE RESTRICT\n'
                         ');\n'
                         'CREATE INDEX IF NOT EXISTS "idx_fabric_auth_subject_cbc592" ON '
                         '"fabric_auth_subscriptions" ("subject_kind", "subject_id");\n'
                         'COMMENT ON TABLE "fabric_auth_subscriptions" IS \'A user or service '
                         "account on a plan. Keyed by (subject_kind, subject_id), not by a';",
              'downgrade': 'DROP TABLE IF EXISTS "fabric_auth_idempotency_keys";\n'
                           'DROP TABLE IF EXISTS "fabric_auth_limit_overrides";\n'
                           'DROP TABLE IF EXISTS "fabric_auth_plan_limits";\n'
                           'DROP TABLE IF EXISTS "fabric_auth_processed_events";\n'
                           'DROP TABLE IF EXISTS "fabric_auth_subscriptions";\n'
                           'DROP TABLE IF EXISTS "fabric_auth_usage_counters";\n'
                           'DROP TABLE IF EXISTS "fabric_auth_features";\n'
                           'DROP TABLE IF EXISTS "fabric_auth_plans";'}}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.schema_generator.DIALECT]["upgrade"]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.schema_generator.DIALECT]["downgrade"]


MODELS_STATE = (
    "eJztXVtz2ziW/isov4y9q7jacpxk3DNbZbudiTuOnfJlu3faUxIkQhJHJKEApB3NTP77ng"
    "OSEq8yqZAyxeDFlkgcgPoAAud+/r0zogNhDnvUcyf7J55humcTajo7x+TfOw61GXzIa9Ih"
    "O3Q2SzTAqy4dWElC+AOEveGCciBdQYcuNBtRSzK4ZDA5FObMNTkOv3M3YUSazthiRPAnsm"
    "sa5GCPsEcm5kR1RmB05hjE4sOpJCNTSPeYwGXJhEkt819MBi3g/1BwKXFcgw9hYOi2niEe"
    "HNORLnWGeAcIBbOZPWBCEhfGUr/+T5Jgl3C3Q+jIZYJQMvPEGCB4mjDBsH8HnmbAxtDXPj"
    "6055hfPNZz+ZhBNwIe/Y9/wGXTMdhXJsOvs2lvZDLLiM2daWAH6nrPnc/UtQvHfa8aIh6D"
    "3pBbnu0sG8/m7oQ7i9am4+LVMXOYoC4zIjPmeJYVzHV4yX9UuOAKjy2e0VheMNiIehbOO1"
    "L7T7C8ttPrXV3f9W7P73q9ndSaCCkicxhcGnIH1xM8q1Q/f4yP8Kp78Prt63eHb16/gybq"
    "MRdX3n7zh14i4xMqfK7udr6p+9SlfgsF8hJVi0q3J9mXNLan5jgX3ihVNSCHF5YoL1+mEN"
    "Kf6sX4z93u4eHb7k+Hb94dvX779ujdTwuw07dWoX568TcEHhpw2Bj8DSSciQTyEyonaehh"
    "VxIrgA+JEsjDT6oL+Z2duqC36deexZwx7LfH5M3rFaj+78nN2YeTm903r/fi0F4Fd7rqVh"
    "xk2L8mXJRf4HE6vcTXW+IBimUXeYJML/PMZY4H5Wga2dTxwoAOp09UGL3UHd7leW3Tt+yu"
    "nbxCHTpWsOEvxOdP8VLnj8xxV7NbfpN12C2GlLIYv3XtADPEhp4w3TlRhMCQwBeXOcR0FP"
    "8i4QnhHKeOhJ6AjNAFX+OMFeMi2JALw+daYqxWpb0/OA/ODX8CjowLG9gnXPM+c0V2JWOk"
    "D/zZowk82L6Cob93TPrYpk+G/BGZMZ/F48hMEf8NQn7swenPBHtUr1C/o8YOyPhIfUMmkb"
    "rY/RfyihxAG8kJgxHgR3aQ1+OP8IlwAZ/hQRn+eHg8IHtwBoLRaYQNxI7cCfyBu3Uweav2"
    "6aJ8XsCyNZ3N28j+nM8Mlj4mKz0ff5gJWALOh7CPCGb0qJsG/hfAzjVtlg19gjQxBUZAux"
    "9+qObI3OSMrAD37uLT+e3dyafP2L0t5RdL4XVyd453uurqPHF1903iPF10Qn67uPtA8Cv5"
    "+/XVuUKTS3cs1IjLdnd/38FngkOJ90Cs7VEjCmR4ObwUZ4TUMVCKB1pQ1MX+bPTtqpnN55"
    "475P4iLwpwhGRzDObGID54UwDig+QrsYQYb31LLmHgyRVG5ZZxhGotoIN12kycD7sFcD7s"
    "5uKMt7JwzuKDnkM5kxeqCuM27RYuFcCZll7LCTK9mJ9fzAFk5VZzjEgv52eXszlDVgS4FV"
    "kG5TiV1rE8C7MHoniPjgMFRlGY41Stg/nooMieAa1ygVb34kgLBr9Tlt024lStQ/qg+64I"
    "S9d9l8/T4b040gZzqWll7Bu/3l5fZcMcIUnKnObQJf8hlilrU4/v/GXkOb5KbeCZlotmRR"
    "z2f+qagxWQI0Qx+TNEevfTye/JSTi7vD5NCpbYwWliQhZauzIrP0bUQmGm+r28LMIa3C0y"
    "Rrxn1PUE28mzRIT3O6XMECOfqqAJ4pbbzJ2g0nxmUUeSsaCOe0wogctMMINQm3uOS3b71O"
    "wF6wdIZX8Pde6UDOmMDkwLTQy7fSl5fy9tiKhpjO/Q3g+5UUqiCttX81q9rP64lh0rX1Wv"
    "/peAOmzfOr6o+9NPBbCGVrlgq3sJXt8xy3H5QfvWoVv90TsUDKFYw+IRp9yMwWOzBzP8QO"
    "PasebB3rUlFpBgm00ZQErwBBFN/iMTwjRYhkxyGpC+/3jDLJpjHoke9JembbrXQYdbuB6+"
    "hW9AeHW5LiISA5z9PQt/aRWQfYbeFGxtgqt2jvPCYPaMu8wZzj+yeS7jmWhWjv80l8S9KZ"
    "sX5EPRL1g5+5LA3oUOIJR88bgLDCAg5dmqLZEMOMUn050Q6pDIWATG+hk9P5gr5n4D4ApT"
    "vGhN4zw4ypUG7hHgRiV6zuC0EXRNhr0SB/E7V+4pY5j0fXIFFHJGh8AAD+ZEeoN/sqGrXJ"
    "gDFj6Py/1jJ2jcm8IKxkbh90AR5ZP3Qq4VnmrnH9qxpTl+FSscWxITW5SvS9K1UP6v3uiT"
    "eGtiUN/fX/yyGurMhe95prGPtFsI9wp4fWx9tizKcKlfGgc1ufkUXcFJuhau4OpllKl/Oh"
    "fFOGjeQmhrEa6lC3CU2oVDghYiXL2jzhCVfizbhWQVxxGnW8uls2neDS8T9KC0ruWwX9Lo"
    "UJM1o6lCobVEEFtIotf6uqgLZsMT4HOVQj5GptFfH30JQvEamtQYYQWK1IbNxpboTQt5jm"
    "t1+Q8xzezrzITu1pjmOKUOA2naLDfJMyJuEMlTU6fMJiW01Iqn6sWMOM8rqU+IIsMYSMIx"
    "ujKts/UDDJ9MRxLsnJiuVF4Pf5KYawIWM17EiES8mHaVqGWE9VXIWm3cJIZKq42LTYlWGz"
    "eEuymhNtZi8UsIZjMmTF5qx1hStC+sqAYVpxaKfhAfoiwTWLmwkDhVC0/imhy4U7inQX/P"
    "BTPHzkc2V9BfBPniMnDOcb/eMtzzHIzgsqBPC+49seQABoNZzPXX6cnt2ckv5zvfXlQKdK"
    "Z3fMryUyMuW3RKSn/OFOQhICws+flJC195EgQwJCQ2NS30XZeEEuzvmMyolE9cYApCydwO"
    "QeWxRUAcM0fmUDm1dQimS3hUn7OEv+oHwbw9uMsqMfH2w8mr7tEbYkoiXXgnjH1ytvBKAq"
    "kTrqPQCesGE+xwh1qkf/8Zt1Syv79PfvtwfnNO4OHwWCIXtw/O1f3lpZ+ShwYPDI82xV6G"
    "jEz4k5JFYZLnJAh6A1EVn9txcTiVjidIQmRzG64W9Ov/w49WDHZKT8D+HYiqmbKperLSwU"
    "pxKu35n+OMkC+UhhNThrtckrTwAKxeFFUvfxmAFwSthLeIDwi0WgFwygck3G6hT2fMxEyY"
    "5cKq8+hbiL8OwWiG1qVJ4lILbUp6mtec5oBxLDvHETLtAdDw+c125stXikfZeK0RX6ncQK"
    "iq0mzcB31tJ67PqjUiq6p5Og0+Np27ieCua62wbMdadcrpNpC25wbEBfUb7309g4S19Aot"
    "yypECYOkHEboUHncYiz+SHDbVxFYJgrxQWKmjrJPo4YBqzakFRuV9o4ajXOVTDjMUozKkQ"
    "ydRT+ZmRjJuef295TGQg2Lig94ZeaSsK8A0IPzNFFaF2dOqOsyewajUiHMR4baClRrdAim"
    "SYb7jodVJjCya1F/YoW1fchnOharicawFUb1cM4KW9NDghYKd9XbxnTsSgDt60KxK69XxK"
    "68TseuhLtXGuJ83/4ISWu8+7+zHk30eDatMK1OQUCjJBrQVCCEfxqXATRKogHNAhREZeRq"
    "MnTCq4XsJK2WtJssaaviSsF2vYZGJYNcq84aN+FN8sfGbCs7ecKqutkpJaOqPHBFLe84pk"
    "EGnmNYKltH6Aft55Ihu/2RYKzfIf2ZyEw/t1YPFZeGyVeBVa/9el50i2QnVSPhn9cvkZr0"
    "WQfRfOlMp/CrzeymU/bVmVXAlIvHTmF8yrnFqJOzU8QIE2APgLIutBdXNrs5nF5fX8YO6N"
    "OLhA7n6v7T6fnN7oGCHxqZbky1E8Nc+URlLOvnIF/SbRDxcDfZWsC15T5/i2mv47M3M9ac"
    "9TilnvWmzHqGdLLIVFg6ZaZO/lg0V6b0BovOqwDsNtJfmzDbiODrr7RV0u9iLZYUgSPpUJ"
    "8XhD/wJ2J7w4mfsDIUYakK8/VTqksyY4L4EVo/h3cwQyX3XL8mKrEAGr8iajTHZExcrnGc"
    "TNPoLFAf6JDjrbKO6oDNzc3CCwZsriee29zxt75tNEzr8L0N6ZnUEVhOWxoh0Q6Dqx0GF+"
    "dqBQ6DoYp/O3F91mEwsqqyHQYztoeqoNVRpi/skflZ8CGTkhnnj8xZwefHm5Vk9kPiHkPq"
    "oqYvh7CvLhPo06joyC4w23Ruq9T0bDDhfLpHqIWqhTmZUDRvGUE0pmCAsqncJDHac2rOZs"
    "zIsI3VMkS2CyT3hP82qIFwOWhWv0FM5gpHyMXMFfaEXFBoRqgAI7R4IUpAHKVpIcjdo6Mi"
    "prejo3zTG95LFq0Mt+HyGuokbQt11Nurk26ex8wNG8GvmaxOXxFrVI6jED5pqSQW1w4GS0"
    "iPYfIIRe4nbeiQKZu5mGQiTBDBHWvegZtkZAahFxLWvqkiHwwiZ9yFHjyZoT2saYzvcMfR"
    "2R9eJPvDso5nGvZcvi1OtDkX3/pZuMq8fLVlvbXnV8wC6O+FZZNMxqi0hmy1hixAqypNzu"
    "2yu+1E91lNTnx5NU6Tc8MeuZ8CawXHtWhSlt8KCYtnDAvYGS4wZ5YgTxMuVbwrXPeZIkls"
    "T7qYi2umEmdhNOqAjbhK8szmxE9vkZkorKq+MZr2BisUDuaoAEJdTrDayS5FcipU9unOws"
    "B7wwxTdrD9jFsWdLsHJMDGIQdnOq9sZnPoRTIX+r7hTxg/y/AhLXw0lRisv0zb0Se7aCTG"
    "iIQgBdgik1jARS6fmSzn4MEZcs8CLtE1LQuakEdqmcYeAX5NJUhDHRVykTj0zBOwZLCD3G"
    "zYWg21FWqoIIOyArIEK5+ka6G2pHojqE5yXUOSa9zApmvx7nFKzbs3mnffrnxWukbKlmoY"
    "+YoEMupmSQ6XF84WE0bUAZOHXoIzJmzT50cD/8DdPnKl8tgypYtxdYLNuHDl8X+tis9buz"
    "cdq9eIcy6fc3vZgLIWql2X0EYfqwTCCbLWRe4dFYrcO1oRuXeUjtxb7kwZPvm/3l5f5Xpg"
    "RsmSp7o5dMl/CO5ttWG+3EIGnmm5IOHv43gvsYsgTLETPkR899PJ78nJOLu8Pk1uN9jBaT"
    "q8L/hhGfL5M/F9EUIdUqkj/H7gWC8d4fcjznqlEX4q8ybWqagiaA2zlIZyzJathZcLWAuN"
    "UHmCYcRIVUI2DMwNJYqlqEyfxyqbZ+AH8spX64+obaLjBzIgqJbnSlHvq/ZhZLQroCUBV1"
    "J2hZTKei5ZZySigssvNaLlyU3Ik5JmJc9YYQGgmTkz2qD5r16i3CrHnW3JzSe4uybfFKfU"
    "efmawyaluWMtE/0Q06zyJ65ZzSJJq6e60VO9XaY8Pc1rTnODDPP6eK59luGsleXMJWnK9l"
    "W/rl6SUMIzHbNyFfPiVO2zTB0UqQIJrfItUwepOpDmrBcUSymDdJyqdUjXtKB1hStd4eql"
    "HfG/o8JV9DhMhhB+p8I+Gc7YEvA3oLSHBQ5PBmt8J1dvv2zSKae69wl7UzYvnnaCyrltM4"
    "BrGMQUBCr2oDMCne2Tuwk61w8saDSh1giTQKivcsIMYjrKZf/X3z7e/oyf0qr8OkZ5cGYC"
    "K5+zRVu/zjlhzlDMZ2gWwDAGQrFvYjAs7GX4dcf6709Oby7Oeif3dx9gKZ3dwGr6eP5//e"
    "/1MJuWC+ufVhnR30LPp3yjALXGXMDk2mXgjhG10DxQfWCA/y72/vk0TeO8wgcqRrV5F6iX"
    "4YVqcXYKdjjc0HuLbS09F3fsa46tJreDVqz/VQqL89/vVk/HQl9xeX31t7B5co60H9QPqD"
    "tSZQAA+nVUwUlaPdWNnmoBkyDWVAZHKbUyuGmz3KTwnVhK9lypL5G3vYzcl0whX8RvS8WS"
    "c0GCksnL4sxOkOZ7n4AEylS0+G4Y7Dk1MTx8Gfq51yEOd7EJTUt9lQ/x4Ix8DRGKdNDGxA"
    "jzoKUkmJ8QpUTbjyGnjvIbU4AV9gGLPgTSRIJctSPYCzuCJaambEh4SNcKzjcu+R0WMTMc"
    "5lsZDlNGBh0SXkNIuHSp65Wy2iwpWrhqq9dX+PW7eiWrjcepKjH2NkgZd1AoOu5gRXTcQU"
    "bFcWc44aJn0Aygb21qWfmFx2OUm3MePagLbN959LD79s3CbxS/rHIZvf10cnmZ9htV+XfW"
    "kkXilFrkbJwwEnMzc4y1fMyWZFrYbPj8rvUSR+n0DDd5hnUtE13LpBGuIXm1TG5gid9cnN"
    "29aIbGewk3z1Dfo3Qt2UqvWKNOKaWXh6S9oU9bUOt172BUYKLYXSC1orZKeRmg1sivpHWs"
    "PA4sZoyZIF887lI/wyFDPdQQWnMnHbdYwxiYuPEMFoNno6uEKRU5rA7DxB9GLdK//4w7I9"
    "nf3yew+Pxh/ur/+2/ikN8+nN+cL7/+5a9E1Wfrq+oeDn9wHM8eoK5uhN0OPSEwO6Ng8DZI"
    "V3aUws6Zk2WrMHEk3Buiou2RCQOW5oqKIPmKtc6ybMyicLuCpqf4Wl05ZLtSNmr9nNbPbQ"
    "8jklUMMNyFiq7g1O7VvhVcQ0HA6BZfUlRK0mqNR6PlJeQ7yp3MIUVrgss3cDY3yeCtXPLz"
    "ef41eP2iLH7+xOjMkY04bvMZSGZT0ypz7i4IWnjgHnaLmG2g1QqmMWW2UYDBNi1sapn/yt"
    "qUnwE7Qds6z/VaUMfNq2xW1ChN+8JPD44K2SSPVtgkj3JhXnN955C3zhxcB/SGKWcWnffK"
    "rvIkXevCUruFjO/dFcb3bkZqWirlEwc+rWyduxRh+3aWWkqJmrLn+4hkCDHPZJxd0m0w4W"
    "y4u2xtvlkA7hFEfBglS258BvIopc7yWw51OZcus0G2t9dJr5yk1uiXQH8m+Mi0MraYFYF2"
    "S5JmJBrHYVuTaFwHe+WfuduZ/lgnvf4RZz1DRR08fSLLn8XHprNumr8osfbeas5Up99wg4"
    "Uxmuu85WlqPdtbMdtYy7Z8Mrgc8vYJzrUU0fE90tZ7zaKU+hVr2itWwtgYOWVNZ1pdBqpL"
    "6K116acyysJXgVX7ypXHo/i5xXQpkpfMarYAbZXRf41ClSr5XalqlSrmfMItA11lKUHarN"
    "oiec0ynVfDbIXYSrujNsflpUPyvQlUPdG1eI84pRbkm8KMFFHfqJOgnLtOhER7xOokuBuM"
    "dNJJcKtLgpvcBKrCtWWcYBLXyOZXNrlw7TzlCYOPk1yOMrj9PD9Jlw0b4z36ozCB31lUK5"
    "+9e2QilGiL6vIiJC10GK3F8wXfrBIIB81biG4tWVRgRDezYEa+yT9CohPrljTuv2iAxLf/"
    "B9xtivw="
)
