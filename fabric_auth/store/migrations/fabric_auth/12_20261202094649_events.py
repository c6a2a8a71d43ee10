"""fabric-auth migration 12: events.

Written by `fabric-auth db makemigration`; holds the SQL of every supported dialect.
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

SQL = {'sqlite': {'upgrade': 'CREATE TABLE IF NOT EXISTS "fabric_auth_leases" (\n'
                       '    "name" VARCHAR(64) NOT NULL PRIMARY KEY,\n'
                       '    "holder" VARCHAR(64) NOT NULL,\n'
                       '    "expires_at" TIMESTAMP NOT NULL,\n'
                       '    "acquired_at" TIMESTAMP NOT NULL\n'
                       ') /* A named job only one instance runs at a time (the events relay): '
                       'held while renewed */;\n'
                       'CREATE TABLE IF NOT EXISTS "fabric_auth_events" (\n'
                       '    "seq" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,\n'
                       '    "id" CHAR(36) NOT NULL UNIQUE,\n'
                       '    "type" VARCHAR(64) NOT NULL,\n'
                       '    "version" INT NOT NULL,\n'
                       '    "subject_kind" VARCHAR(32) NOT NULL,\n'
                       '    "subject_id" VARCHAR(64) NOT NULL,\n'
                       '    "payload" TEXT NOT NULL,\n'
                       '    "occurred_at" TIMESTAMP NOT NULL,\n'
                       '    "dispatched_at" TIMESTAMP\n'
                       ') /* An event for other services (`fabric_auth.events`), written in '
                       'the transaction of the */;\n'
                       'CREATE INDEX IF NOT EXISTS "idx_fabric_auth_type_4f200b" ON '
                       '"fabric_auth_events" ("type");\n'
                       'CREATE INDEX IF NOT EXISTS "idx_fabric_auth_occurre_c936af" ON '
                       '"fabric_auth_events" ("occurred_at");\n'
                       'CREATE INDEX IF NOT EXISTS "idx_fabric_auth_dispatc_d53244" ON '
                       '"fabric_auth_events" ("dispatched_at", "seq");\n'
                       'CREATE INDEX IF NOT EXISTS "idx_fabric_auth_subject_b83a9f" ON '
                       '"fabric_auth_events" ("subject_kind", "subject_id");\n'
                       'CREATE TABLE IF NOT EXISTS "fabric_auth_webhook_endpoints" (\n'
                       '    "id" CHAR(36) NOT NULL PRIMARY KEY,\n'
                       '    "url" VARCHAR(2048) NOT NULL,\n'
                       '    "description" VARCHAR(500) NOT NULL,\n'
                       '    "event_types" JSON NOT NULL,\n'
                       '    "secret_sealed" TEXT NOT NULL,\n'
                       '    "is_active" INT NOT NULL,\n'
                       '    "created_at" TIMESTAMP NOT NULL,\n'
                       '    "updated_at" TIMESTAMP NOT NULL\n'
                       ") /* Where events are POSTed, signed with the endpoint's own secret "
                       '(Standard Webhooks). */;\n'
                       'CREATE TABLE IF NOT EXISTS "fabric_auth_webhook_deliveries" (\n'
                       '    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,\n'
                       '    "status" VARCHAR(16) NOT NULL,\n'
                       '    "attempts" INT NOT NULL,\n'
                       '    "next_attempt_at" TIMESTAMP NOT NULL,\n'
                       '    "last_attempt_at" TIMESTAMP,\n'
                       '    "response_status" INT,\n'
                       '    "last_error" VARCHAR(500) NOT NULL,\n'
                       '    "created_at" TIMESTAMP NOT NULL,\n'
                       '    "completed_at" TIMESTAMP,\n'
                       '    "endpoint_id" CHAR(36) NOT NULL REFERENCES '
                       '"fabric_auth_webhook_endpoints" ("id") ON DELETE CASCADE,\n'
                       '    "event_id" BIGINT NOT NULL REFERENCES "fabric_auth_events" ("seq") '
                       'ON DELETE CASCADE\n'
                       ') /* One event to one endpoint: attempted until it succeeds or its '
                       'retry window ends */;\n'
                       'CREATE INDEX IF NOT EXISTS "idx_fabric_auth_endpoin_f8c430" ON '
                       '"fabric_auth_webhook_deliveries" ("endpoint_id", "status", '
                       '"event_id");\n'
                       'CREATE INDEX IF NOT EXISTS "idx_fabric_auth_status_2839e2" ON '
                       '"fabric_auth_webhook_deliveries" ("status", "next_attempt_at");\n'
                       'ALTER TABLE "fabric_auth_users" ADD "erased_at" TIMESTAMP;',
            'downgrade': 'ALTER TABLE "fabric_auth_users" DROP COLUMN "erased_at";\n'
                         'DROP TABLE IF EXISTS "fabric_auth_leases";\n'
                         'DROP TABLE IF EXISTS "fabric_auth_webhook_deliveries";\n'
                         'DROP TABLE IF EXISTS "fabric_auth_events";\n'
                         'DROP TABLE IF EXISTS "fabric_auth_webhook_endpoints";'},
 'postgres': {'upgrade': 'CREATE TABLE IF NOT EXISTS "fabric_auth_leases" (\n'
                         '    "name" VARCHAR(64) NOT NULL PRIMARY KEY,\n'
                         '    "holder" VARCHAR(64) NOT NULL,\n'
                         '    "expires_at" TIMESTAMPTZ NOT NULL,\n'
                         '    "acquired_at" TIMESTAMPTZ NOT NULL\n'
                         ');\n'
                         'COMMENT ON TABLE "fabric_auth_leases" IS \'A named job only one '
                         "instance runs at a time (the events relay): held while renewed';\n"
                         'CREATE TABLE IF NOT EXISTS "fabric_auth_events" (\n'
                         '    "seq" BIGSERIAL NOT NULL PRIMARY KEY,\n'
                         '    "id" UUID NOT NULL UNIQUE,\n'
                         '    "type" VARCHAR(64) NOT NULL,\n'
                         '    "version" INT NOT NULL,\n'
                         '    "subject_kind" VARCHAR(32) NOT NULL,\n'
                         '    "subject_id" VARCHAR(64) NOT NULL,\n'
                         '    "payload" TEXT NOT NULL,\n'
                         '    "occurred_at" TIMESTAMPTZ NOT NULL,\n'
                         '    "dispatched_at" TIMESTAMPTZ\n'
                         ');\n'
                         'CREATE INDEX IF NOT EXISTS "idx_fabric_auth_type_4f200b" ON '
                         '"fabric_auth_events" ("type");\n'
                         'CREATE INDEX IF NOT EXISTS "idx_fabric_auth_occurre_c936af" ON '
                         '"fabric_auth_events" ("occurred_at");\n'
                         'CREATE INDEX IF NOT EXISTS "idx_fabric_auth_dispatc_d53244" ON '
                         '"fabric_auth_events" ("dispatched_at", "seq");\n'
                         'CREATE INDEX IF NOT EXISTS "idx_fabric_auth_subject_b83a9f" ON '
                         '"fabric_auth_events" ("subject_kind", "subject_id");\n'
                         'COMMENT ON TABLE "fabric_auth_events" IS \'An event for other '
                         'services (`fabric_auth.events`), written in the transaction of '
                         "the';\n"
                         'CREATE TABLE IF NOT EXISTS "fabric_auth_webhook_endpoints" (\n'
                         '    "id" UUID NOT NULL PRIMARY KEY,\n'
                         '    "url" VARCHAR(2048) NOT NULL,\n'
                         '    "description" VARCHAR(500) NOT NULL,\n'
                         '    "event_types" JSONB NOT NULL,\n'
                         '    "secret_sealed" TEXT NOT NULL,\n'
                         '    "is_active" BOOL NOT NULL,\n'
                         '    "created_at" TIMESTAMPTZ NOT NULL,\n'
                         '    "updated_at" TIMESTAMPTZ NOT NULL\n'
                         ');\n'
                         'COMMENT ON TABLE "fabric_auth_webhook_endpoints" IS \'Where events '
                         "are POSTed, signed with the endpoint''s own secret (Standard "
                         "Webhooks).';\n"
                         'CREATE TABLE IF NOT EXISTS "fabric_auth_webhook_deliveries" (\n'
                         '    "id" BIGSERIAL NOT NULL PRIMARY KEY,\n'
                         '    "status" VARCHAR(16) NOT NULL,\n'
                         '    "attempts" INT NOT NULL,\n'
                         '    "next_attempt_at" TIMESTAMPTZ NOT NULL,\n'
                         '    "last_attempt_at" TIMESTAMPTZ,\n'
                         '    "response_status" INT,\n'
                         '    "last_error" VARCHAR(500) NOT NULL,\n'
                         '    "created_at" TIMESTAMPTZ NOT NULL,\n'
                         '    "completed_at" TIMESTAMPTZ,\n'
                         '    "endpoint_id" UUID NOT NULL REFERENCES '
                         '"fabric_auth_webhook_endpoints" ("id") ON DELETE CASCADE,\n'
                         '    "event_id" BIGINT NOT NULL REFERENCES "fabric_auth_events" '
                         '("seq") ON DELETE CASCADE\n'
                         ');\n'
                         'CREATE INDEX IF NOT EXISTS "idx_fabric_auth_endpoin_f8c430" ON '
                         '"fabric_auth_webhook_deliveries" ("endpoint_id", "status", '
                         '"event_id");\n'
                         'CREATE INDEX IF NOT EXISTS "idx_fabric_auth_status_2839e2" ON '
                         '"fabric_auth_webhook_deliveries" ("status", "next_attempt_at");\n'
                         'COMMENT ON TABLE "fabric_auth_webhook_deliveries" IS \'One event to '
                         'one endpoint: attempted until it succeeds or its retry window '
                         "ends';\n"
                         'ALTER TABLE "fabric_auth_users" ADD "erased_at" TIMESTAMPTZ;',
              'downgrade': 'ALTER TABLE "fabric_auth_users" DROP COLUMN "erased_at";\n'
                           'DROP TABLE IF EXISTS "fabric_auth_leases";\n'
                           'DROP TABLE IF EXISTS "fabric_auth_webhook_deliveries";\n'
                           'DROP TABLE IF EXISTS "fabric_auth_events";\n'
                           'DROP TABLE IF EXISTS "fabric_auth_webhook_endpoints";'}}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.schema_generator.DIALECT]["upgrade"]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.schema_generator.DIALECT]["downgrade"]


MODELS_STATE = (
    "eJztXW1327iV/is4/lJ7V/HGip3Jeto9x8k4jZtMnGM7m7bjPRJEQhZrCmAI0orazn9fXJ"
    "CU+C6CJmWKxpe8kLgg9eASuO/3X3tTPHEtY4R9b3Z45lgfyXLvFP1rj+I5Ef/Iuz1Ae9hx"
    "UjfhqocndppohB1rdE+WXJJNuOdiwxNjptjmRFwyCTdcy/EsRoHyjKKzLxdIECA2RRj5nL"
    "iIueJf4h8PlkEQNgzmU+8QXVJ7ibwZQdcfzl4MT14DAfwXaC2OuMdcYh7CY01miOda9K6V"
    "J9zSW3r+Q/wqMZhRAoPGMOkYYWqicTjrKJx1LCmJmP2KLWAOvER46ol3cMkDMzAAgfZti3"
    "vERJjfUrh8T8wDOdsdQwvLm8FbWOKtF5S48hf61Pruk5HH7oi45Yrf+dv/icsWNckPwuG/"
    "v+3BO40sE4YbLsFi/hH29sSw3/ZS75gzCmZz7kdTi9hmgj+CofL6yFs68trXrxe/vJcjAf"
    "zJyGC2P6fr0c7SmzG6Gu77lnkINHDvjojfBI+N8Qj1bTtkrehS8IPFBc/1yeqXmusLJpli"
    "3wZO2/vj1KeGxFU+Cf44/p/w1WLDRqPPlzej6/Ob0Wgvw5jwCilOCi8ZjAJTW9QDnP/1ez"
    "DvGhB5dQ8e8O7D2dX+q9cHEgLGvTtX3pRw7f0uCbGHA1K5ZmuUBceNZpjPsli/m2E3H+s4"
    "TQpx8cLtYB3B1AKwe3P8Y2QTeif2mlP0+rgE6P89u5JYvz6WWDOx5QT70ufwzlDeAsjXEJ"
    "sWd2y8HDkumVo/VIDOUjYDd3Rhjfd609w64EevKwB+9LoQcLiVBNzG3DtWwXlF0EN4q7Bz"
    "MTdnmFn+rQBtNL6HyA5fvqyArRhViK68l8SXGwxmySD8l+vLz/kIrylSGJuW4aF/Izjx28"
    "I6dgJOfMv2LMoP4XlPcQgCQjDznPPvdhzn/V/P/ppegnefLt+mT0uY4G1qOWKSSmZJfhF3"
    "PGtO8pclSZlempD0MPrHDn4MJUtxc/Hr+fXN2a9fEuvxy9nNOdwZyqvL1NX99A6/mgR9u7"
    "j5gOC/6O+Xn8/Ty7Yad/P3PXgnoRuwEWWLETbjmESXo0uJZSY/HEtMV2OZk5R6mTu9zNE3"
    "OVkGS6RwjuWQ1jrSQsG2K6ubPNFeDSscaK+GhecZ3MrfPwVsavpchvARql3HMH+MIrdG1s"
    "EuEQo16GJqyGYIW0V2m4pcM8CCMjDyea1DP03bwHmwO8y7c8fBerUsR1VdjNNtT7fZa0uu"
    "btsGEtoaa3xSSUr9QXX5g4rWarJU+ZySVP2Tqo4q2QmOSuwER1k7gUscGxsFWBcf/ikyLV"
    "SlrC+57oqq4OZTa4yTGMe8RVWBjZFoNH//HVxm0/tcdw4glUX2PXOJdUc/kqXE90K8B6ZG"
    "nhIbd8p+DefaSVjXV9ev6OLFys8Y5ynx+01iEy84p86u3539cr5Xti80hfB1MO3ZetZ+Yp"
    "2/MebDDsw9wcb9ArvmKMHlcIcNWerKamz21nw4T1/BFN9JnOAHwesnohB80/KEnGLRvcJA"
    "hfWQgVqwAhCOjBXlxniFmxlBXIBvE+SyBdq3THR0gMgDcZdITobE0wk1kc2Me46mlsu9Uy"
    "QuC7AtbFv/JDwcIf42XMaliyARsND8I26pFXI+l1EFLpmT+YS4XEY3yF//B45gSnF3EIYn"
    "YOT47p2AYDEjLoH5hXyJJuQOvAl7gyoxCEpBBBfUU4ghsCp9mB3zaN/BK7wYHh3/dPzm1e"
    "vjN2KIfM3VlZ9KTp+LzzcbggakAszJ9yy2b627QnjjVM2AXGX7e9kuxv89HL569dPw5avX"
    "b06Of/rp5M3LFdjZW2Wov734MwCf0ACilUghrxqvkSDSxoqNxgqxf82Yq87gSTrN4vVYPE"
    "RRlclTZJrNc9k8ozo8tbh1/kCk2FgibgVD6ohbBCgrxodeUiEMEcN3LW+JJKEQSMR/PEKR"
    "RaX8wsUbinMcU46DmAe8kmvonRRcXGIw1+TZ2NBGZ4e4UBnjOWXuXIhPwPOBcIX2OSGryF"
    "B+KGEYH5yiMYwZI4M9gDAWiHgMhCkUfEEgj93SseOSB/kJjQfy2SFZGJ0KQiL2YPrv6AU6"
    "EmM4Q0Q8QfzIAch67EH8C0JeXSJelMCPF68nyG7pxCX4PiYGwkTeTPwh7lYONA2AkRxuCC"
    "zdlVmY+Z7BBPuoRZOW7eVVZcFQrOu6KLiVPbxYYFQ+Shs9Q5/NAqwBT30fKg6XFOl2Qlo6"
    "4ibeOY/LekesLCetKNoSkfoUux0dLAoAx0h6GPTafLS2YEght6vGYyWp+uc0bD4UK0AsTw"
    "7ahHKuLNQUxn3aLTzsCulVmZdTZJqZNzNzCJkaNyeINDtvZGfLAVFESCs5+QjFKCeptB1m"
    "I8zSE4nvSJ5fsRjmJFXvYD45qrJniFGFQMt76aAZ8Tu56raRpOod0kfDN1VEuuGbYpkO7q"
    "VyHomHLVspjylG0o1EJnhsbxKZVpY9Fc5PEPVQmWl+L1dFWIO7Qw6Ld9ISv1fkrAhvD5Qc"
    "FYF1X8FHEboDpO08sOCvQy7mPpcxG1BcgqHFTNrYyRLdE+KAm2FO5sxdnsbdClOSV8qirQ"
    "eB5+KbqtsDU8p8+dh9HKtlMZCuBVvA5NiYIubeUm7dUfELXkAZjYD+4OfQ2RG9u5gAmzxy"
    "Z/AwBAX+C15y6dsYoyDyxbaIeUv3196UcK3GB2GJDeySIHTFDKcZhyMOr85vzj/fXFx+Hj"
    "82gKU9y7n2XFTxXHjMsQwlJTMi6OGW3rwe7+ClzXCOOH5DfhQweIykFxCXuSPO/3pTLgmu"
    "vBGfLj//ORqeFg93OaVdO4aqO4a6JCu9F6ziu8XCUnRfTVqaBlQVxaVrNhfnLQQhgITA0Z"
    "2QMrxTITaIy8SFU3sO4chof4ytUciqglQc8EHZLgM7eGLZELIhpADOxMGfkZRaesYjJAaD"
    "mWqZ7eF4XcmpQLsrFg66XwxnSzakVkrhiB+qZhENx/cO3ebNFLslA2xX4gUFEeozhnvXjg"
    "gF4Tb7GJkgFvUgVGbXMvPqUL0NSd9/vCI2LggliR/0n6y55V2GE+4gPxTlOCXVGHH2j2z4"
    "pU1A9kXMJmHrE1ytS5wXJpk7zCPUWJaVmk0NU5M/rTWxQulZyLOSyVMojA0K6sN+95knBE"
    "CBlD+XYxEnQlKUZVgxRbFnQV3YgUyogi8Tfbi5+QImq4ww2taDoFYsdwQ9kZay4BGhWwzd"
    "Me9nMMURz12uasgGZj2wwwkBloNBDVZaWuHE9gqvFbyOePFbug8Rwz4F011omPM9coDwne"
    "CfQ/RZzMQdSFpHkyXi/uQfxPDkO4baQJHA/NteOHh0Lz4GGBT9P/T/BeSjSAAWbxsEENdN"
    "LNPxxNuyyqUXtqqImKbrhQGpbRtd6qtJQF1SDCFB1WRh5m6ccHnwKlRBSG8+VTk4TddDDm"
    "5e3bknSgVpwuE9hLadkrWegENpF44Ieohw8/HRsmRCQcmUMokjSVcrk6ZrQaVPk486zy/5"
    "UZoJvKLRWcA1E90j/bc66CsSzet1UXfJXLwBvJcS8gkyjX599LlQlmvVSIwR6hKJXfPLJu"
    "R+8UOJ67iWWrR3iqx/KSJtlBwNTFYjEDf9HLtsyXaWoezRpvbIqkA5AM8INomrFOydR/uo"
    "qO+OYb3t8O4VnhNm5ui6by2K3eWGpYhIU+swWXqBI6g3K/A2BHW1AmIB3l58Prv6W35c1d"
    "ucRXj7t5vzM+1VfY5H+G41C9EBdLsZQPeJYE72iryYwd2BkvPSBpqq3TIRPNVE/2ATxGjY"
    "f3IdQ+9TDgV8MAI+RfvgtAtqLSGX2Hh5cIpm4peixcyC2pKChxfEzHgrW3jGLZ2QKXMJGq"
    "8/tfHP0skZzSvzGUyLcGQzAQe4JhczSEfwUEjz2AC8p40Ke1YBeDNmm3kFj0sSrlYUPTQ+"
    "N69E7dZZp0WamiINNr77Vr1yUSlSvdCdW+hOSTWJaMBC6SYdM6gi5QDtKBHBWEXckWRQUF"
    "FKITlRRoHgsBByRBAbZQlBBML+/sAHMgES0gxl9BJczGkO3sYT6gc96UCnLrkAdKBTDWFH"
    "BzrtRKCTduQ+hSvRIa7FlHaMNUX/nEstBOVoU+8zSaDJC9pUqx+VpOrhSdxSpZcM7lnQ67"
    "VdiuUe7xjuRdk1g1TDpSTLda7R0ieL3t+we1LcZ2k9YqCo/dF7oQ8JwsqaX9AB6YUPyS1A"
    "iObYsiFxmyOMYL5T5GDOF8yFfkaceAME4U42EuqYNbVWxWgMz3qQ/85T/pp/CJTSgV1Wqo"
    "nXH85eDE9eI4sj7olvwjxE76L8GrBsi+ugdAq+gWr9jGIbjb9+gS0VHR4eom8fzq/OUdi3"
    "GF1c39LPXz99Cur74/CFxavdwywGQTO2kLqoWORllAYkVFV4b+rJ4jneOgdozubiauUS//"
    "FWf74r9u+yov7yzZSrmiWptNVd2eoeLYyKdLkm6eEB2LwqKj9+FYBXBL2Et0rWghhVAnAm"
    "ayHabkc1I/KK6HuIf/NupQnUXiPqTZ7SdP1TVXWth25YuLqkmvYwKkkvc81lDoV01TWOke"
    "n8gI6v79N0R9+hj3an2qN3FNfH90d/SvsRu7PozcxlnmeXRBEkRg3U7EhAO/JC4oq2pPeB"
    "TQeqEL8AL74sYALFWChBYetzKPo3ddk8MMfYFhhMwm4ZQd0VsOZAu+2sEanR2cF6dC4LI0"
    "d1lsEQlWMfGqdbSgI5873xgbQOyceCkUl8MkuOyA8B0C2VAZXSOoQ9j8wdD2olu9YDAcsQ"
    "mJAGCAo9i/vUh/bgUA9mVVy6JLLBYI6u1NJFx2NJAEO0ZpUjFyKCHirSzfshdWWLENrjSp"
    "UtjksqWxxnK1tEu1cW4uLM/xhJb3L/G0sZnIozLKrfWxHQOIkGNFMmITiNVQCNk2hA8wAV"
    "qjJINTn293IlO02rNe0ua9rQ72MUbtc1LCo55Np01rkF71Ls++WZ+PMs0NT2ipTWxKCBks"
    "7K5J+hKlg1/EGW/xQblreUyXYUyRdA/4UuHUIvfoEwAgpx6o7LHsRIdyCjFYQe6kFoABgJ"
    "TiOVFE0Fk/LcwqTtPOaWwg2oCro/jgjHA6GrBhG5oKJSGaggRkj/aLFqGZHDgJA8o2Emgx"
    "MiguLoBDUrXvMGvM3aZ6zrnXwS/HH8FC3vNsYTlwQjxFausu82RtNDXai1yHglPX5N0kOI"
    "hycnFTAWo4oLKcK9Jw366JhsuYWYD4nXKAipI3lmQcZsgmkJ2AnidKEUQd0WY6+ubLlSyu"
    "Xlp4R49/Yi3WHq669vz6/2j+QyiEGWlzAM6jCEZyBkZ7QqkNRGFq2rVSXJtRbd5fUW6gbh"
    "PAi5HnGC7bx9tbiZXwF5H86zslVuo6+fS6ZiXWe1l6KIXq+F+loEGNYPycqj1/tgl/dBHb"
    "ej43Z03E4VC+h7W35CJeZPOWJQw/Y5FYQKeV+BOVEwjetBKhbUGossQzJahjIPjI0Wn4nb"
    "S+KdrjqdIwPbtuxoRAkx+QDdE8fLWj2bf8YthUAc4r7gYgYIwPEyo+d4iWzZwikIsYkCaw"
    "7Re+ZT2UQJxkcpYxB64/FbOpZdGcYDFLCMGVRFg7hRtA8hOwcDNJH0HpP0YSh+8ALR74M+"
    "T+npbykEFrF7SzZzh/pbj66wJl9VOXkgSaXzvlL2kgp5X9rU2r6p9UlTY7oNdgu5McwkkU"
    "lPia0zhD2E+2j4pkq42vBNcbwa3EsiTlkooVVFekXQQ4TbKHpvCpXR8Ea+a6mgnKbrIdjD"
    "l8dV+BmGlXS/Os5w9Ao6j9VCPCDTgFcGXNZ4qKFvp+keoXTvjiFFoVKXEPwtSAlQ4eI4zR"
    "b7rovfTrnDXG9vOyehrh/VCWbeOavgbiXl6lYBOxpY6HsT9uMciuPvFRrWYmMGSqa1oOh+"
    "RasaDWr0B2VuwayDosQxtD+Ov08wK4ToLVzL86AAP5WGI7m14yAojU2Logmbf8otjTLhID"
    "6RMh9y0aSJTrYbIGaQWSceJrPYoJlCkMsmHrlKjoueV7nckWlxB3vGbLWhc/J9T4wqLeNb"
    "HHII1JmNpizZLSTQ2W7NZLt1P+Sz81KoxEFBAo3GtyV97r5Bd42tkNQ5vFIG3sL9IUaxvV"
    "yh9reJxtKFdH3ujtTn3gy1Lr9aeZ9w8NJmWCl6KEbSC4i3HTHEDMN363VgSZFqXbFrumLC"
    "yJYW+FVWOkOsY8K6ttYKdoGM5dXKS4x/G9K+/3gl9FAvXxiL67zfyGTG2P0vMcvsbu69mV"
    "Cn31u3pHyxcXFNanlzoGQ7gU49ih0XJz41bQJGiagtkGyHIS0bLoEAHch1DE0Muf0UlWZ4"
    "RBRO95XdPuQ3QqSBirgbjdfxTRvF3Kdt1FnJ0bUd/9awUvGcYUnxnGG2eI7FV6+dPdTKEu"
    "2ShDrJTiHJTkAnWwTksPUmyNd0W0Q82k12FnDtxy3eYvrbB8h3zJqrnqTUq96VVc/R51Ya"
    "h7I6F4jbDahyoHF8iprh7RgjFCpxKYvuavImALuOzdcnzLai+AacVqb9rnhRUQUerb+IzY"
    "rwB7ZAc9+YgQKLVyosll1v0Z2LKfQaIi4KGhb+HN1ZWIIrfMivccUEtoBG1giKJsiqyy0+"
    "J7/EUGg+0B14d8qlr/uXbm8VnrB/aT31fM5osPXtYgyq7ma5LXcqHIFq1tIYic4NL88NX5"
    "2rCWjr5YZHJv7dxHVjbniMq/Jzw3O2h6ag1U1Xnzj5/ovLoNYOMcsDhVPDFIX9iFg5aviH"
    "R1xoOxEE9u4LYRsvoXEoWgTuzAOEbTAtLNEMg3vLDJuTuiRKQZHNT+8txyFmjm+slUfkd6"
    "lgvht8DfJBq4BdLep3Q8gs6VWxWrnKsWUrCi0IVRCEVh+EAsRxmh6C3Eoh0fU2rG6hTtP2"
    "0Ea9uzbp7uUeXQVV48q7uScGqUkUiap0FeWJSwr9rLhPIHdHkgc9zIMSOtBzfVWdhtrLAV"
    "S0gZrisjsWF7xvyco5JuIO88QMPs+xHrb0jEeE4+hm6E9SFCcERy2tIkmkMyu0Z/05nV8J"
    "D2CwFyqax5JU2kJWbiEL0WrKknO9nm430d1oyUmyV+csOVfkgRk4/PFFEtdqiKq8FRFWL6"
    "QYijPMlY1a0GLGuGxJKq4HQhFHc59DlUDmoAVz76Fh6IRMBfeB63SJgmIHeRHNjc0NDU+v"
    "CJblD0lgywm5He1HBQxBIBusHLxXxLT4AMY7zLbFtAeCRIhxIMFZ9MWczJmYhRNPzH3FFt"
    "DilMBL2vBqMjF8vC7iMEb74CSG8uZozqTVCQfvH0mR63dG6zW4pQbzbSElepZtiyHoAduW"
    "eYCEvIYcDFpa0NcVHu347h00zJkR2kZktzZDbc0MFSYsqmZCp+l6aC1p3glallNaIn+U5Z"
    "Q+T/kjWRLtgd3Xkt2TlFp277Tsrqsb9XWVO2VhZPI3F8i5cFNRwhUkijl5QsiDKEGHuHMr"
    "kEfD+MD9MUil/NS2uAd5dS6BonT89D/K8vNqz6Zz9TpxzhVLbk+bUNZDs2s8RToR2F0V4R"
    "RZ7zL3Tipl7p2UZO6dZDP31jtTTkz+X64vPxdGYMbJ0qe6ZXjo3wj2ttYwX28hE9+yPaHh"
    "H8LznmIXAZgSJ3ymSEi6Hkhqu4EJ0kVCLD4Kf1iOfr4hvy9GqFMqdYbfM8710hl+z3HVG8"
    "3wCwt+Rs3WR1BavJH8tWDesP97pNzsGINUyvyTddibgg1aevUNrNb16iSv7RVp2KlhAyVd"
    "O/WdVFa759iYWZQgR2BnWA62T4PGUUgq70KIvIdMPeChgeyxBR4ZGWgjvTfSRXP25QLdky"
    "XP08Obnl4r5h1XzLnt3ym5UsLxWjHfqJh3v4jO9mJ52yijow0f+Z7Al5XAhmHF3sCXWbjZ"
    "QkAy8gieq6CdpOpDx+QtcHakH09yOs4UH4FJKt3DRxeA0uahjh6Ou2ko0Oah57jqReahpC"
    "gm98iaK5+l1tWbu7PYynEPa7bAjjUCU0ADhqwzx/pIqpRs7ua6l5v8wLiiLaVdNP6Vhtjk"
    "I13fCKgWgBMSo5BY2ukgxBtLW11+yPhGivy8/eRrwjgg0Mn7uxE1LWOoah3MSUotknXllK"
    "4iiMszRc2GHiPRgdvpaPjUVq2alZdHrUHelJ2XOXeaydJL++12E+wKyXp5XLe5vpUbSjJN"
    "gN0z+TMNcWzL7FwyZJSNWiy+rrJVlWTWdSBjJTFV8MwLi54iRklUEOJFkN83xXMLKkBAJC"
    "Lk57GwqSzk+IknQ4IhOJTB25wrzjY3c5WGtDIuI1jqWC7O/0FH2titmO2yuBmtdm1vxbWN"
    "8xpslLi2cW5fjT74X5t3bu9UcY+XbYHccGUPl3k1TahJSm0+7Zr5VDvGnt0yQ0WDkV+v1F"
    "yaVi91p5d6t9J99TLXXOYOJe/r47n1VRZnLVeLLMxS9i/erXlNQirP+I7kGfiKsU5S9S6I"
    "8+RoWCV79WhYnL0K91IhcA58B+JTyXEzFyOdpOod0i0xtJqJJ0ainQLlTgGAqinj9Ndwrt"
    "3EdaNxOsZVqsbp+HGYLjP8yPiUdMnjnoC/hcgUweDizSAMqtCkvx4yULPqB4SraK1KrSkw"
    "X87nRMBlhHUHQ+t7OBlkgR2imxkU4JvYYtAM21NoFCH/y2fEhOQxKOv3l28fr3+Gf2Wt/G"
    "085ZY6rgw3XI3lntg/TESo4S4d8BjIbDYMcyOTiMHi0tRlczR+f/b26uLd6OzrzQfBSu+u"
    "BDd9PP/b+LHJbvdqpf/vm6z638MkrGKnALbvmCsWVymJJUHUQ/dA88UDg29x9I/FfRbnkj"
    "opCartl0l5GlmolYIo4Q4HG/pota1l1+KG/Cjw1RRO0Av+LzNYnP/1pnw5VvaKT5ef/xwN"
    "T6+RToZ5hrajKI+hjik4TauXutNL7YpFcGsag+OU2hjctVVWSHVpX+eLt20v1PpSvd1V9L"
    "50m/kqIV2y3jxzM/kE0LhHtgI/REIDJbKi/H5UEPreghLy6/LQBwNEmQdDcFbra/wRt3Qa"
    "WIhApYPSJVCFPhwJZU0eCGiJ86DOPKYypEwCVjk8LP4SQBMrhK0DwZ44ECy1NJUDwlJ0vZ"
    "B8k5rfqypuhlfFXoZXGSeDLhvfRvaBhz1fyWuzpugh1zZvrwhKPICyq2QXSlA14uztkDHu"
    "qGodmbIyMhmgqTFj7sjEOUBfz7FtFwaPJim3Fzx61BbYQfDoq+FPr1dxo/CfspDR61/PPn"
    "3Kxo3KHj21dJEkpVY5O6eMJMLMqFkrxmxNppXNjq9vrY84TqdXuMsrDJqromQcI9FicXlo"
    "CECVhbZeaMiXcK7dxHVjaEiMqxKhIVeCxa8u3t08aeLiVy5uvgN7j7S15Bu9EoMGSkYvH0"
    "hHRkBb0er1lULCIJsijKZEqFYu1MENtVawVplBIVwCzWssZp7KiAObmHfERd995uGgCyIB"
    "O5QhRjOaTWls4RnQ3PGdYAZ/DqESFpfkgjtMC34YttH46xfYGdHh4SESzBc85k/BX/+JKP"
    "r24fzqfP3fP/4J2dbcgiY8nCHKbin15xOw1U1hWsN3Xejg6BLxNXCPD6TBji7RelTUXFLc"
    "M8DQ9kBcU7BmSfWRYsMa8E0AlFhNM/ikJTQjKdfqAiW7UaBE2+e0fW73BJE4qOldqCoHZ3"
    "av/nFw8/HViS1eUVVK02qLR6f1JZA71E7miKI3yeVbOJu75PCWIfnFMn8NWb+qiF+8MLqJ"
    "RSeO22IBksyxZaucuyuCHh64r4ZV3DZiVInQmHHbSMDENu3OsW39M29T3gB2irZ3keutoA"
    "6bl2oXkThN/9JPj04q+SRPSnySJ4Uw1+TvAvLeuYPbgN60uGPj5UiVy9N0vUtLbaWviIM5"
    "XzAhp80wn6nAnSHs384yPDmpAvjJSTHgcE83HVGX/BpsOiKAexAqvnhKnt64AfI4pe4ErI"
    "Y6X3KPzIVuP6/TgjlNrdFXQN9x2dTKq9hakmi3JulGM3J4bG+aketkr+Izt78F13Xno76t"
    "eo6JOtO6RVbqs9mdReuW+YsT6+it7ix19gvXXa6e5WoLDGoUgysg75/ifFLJUnFSYqk4ye"
    "vtCxFp9T6zOKX+xLr8iQnY69XHTRDqNe7aGis4lHWzQNVmgdAnsLlqbJ/EbL0rxZZoWy7D"
    "AML88SYQuzwTf/aveVAySDDW5OWRcMW6zPQRqUZbd0J8S88aJrVfFnEFWlnUUI3mnLJ6pl"
    "JHTlm0YnMbzqJhudHvUbnT3Iabv8X7T0XVPtWqTegod7in23Bq+6Buw7kDgfa6traurd2J"
    "BMqNtbV1Q83eNdT8RiYzxu5/IVAvzC2uwp0epyZ3LgJq+O1AblWVPy8pQeQBsi89JtM8CT"
    "UdJpA+RdjzyFzWtRY6q2Ujy0PcNwxCTA5F1iDr1CWeu0QLwR1sAZQ8I7g2PP8t3R9PsWUT"
    "czwQdyGaD9A4qFxwLXp8yC3rgkfyJaUkDL0519cp+eGNwldV78+pBeVtCcq7UexqzxEMCG"
    "C2tRZtV7wKPoQcnIsrMMVIepNf1VjzzvT2ksG1XMnLIe+hprcjml0l75WM3qi/4Dnk2pPV"
    "5fUWUzni15FR0QFVuHHmUNbaPzu2uE3voPKLIK7LcpTQ4sM/SdW7RJBWwit0hOqz2LEMNn"
    "fqxtGkafXZ1OWVTinDVW2jKTJtH02nPUemhAymZeaAONX29KRe2AVKjNMRrzZlSA2tdOex"
    "aXdsWaraVFNf+WZ7tWTgpnC+9L0J+3EeTdlXjGPffFcN1ytW32C4jn8SNQzXEbtVtFt/mx"
    "E3tCwH9Qu/XF7fEGjkIXgtasUIlQ6jef/AEVtQxImQRT20fy2Y0BQ4ofDt+UE26KKlZ+jC"
    "MJ04r4tNyb6rVBYmHN7DojDDl8dvKtUTOH5TUlAAbqbj9BOdh6onRyTItNJeRWkPjphgqg"
    "zWxbm+KbJu5PvC83qT7xucEiNOsJ1XdqC4x2aGsBc7T5le3UZvTV1kY8sFB7T1sBbv75pN"
    "SSe093aZayVoJQOSHpnqkBMjtZs88AQZD2diEYzZXpEWH94ebFTe8XpgZ4qjPpcYq0c6TY"
    "tVXvE1cUVtLEbSCwF0C4Xd4MtSQDgc3kN0W2kSKJ7o5Vqgi7XcGMn2NdynkTQa02UVpIHm"
    "z7bf/x9vVEFl"
)
