"""fabric-auth migration 1: api_keys.

Written by `fabric-auth db makemigration`; holds the SQL of every supported dialect.
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

SQL = {
    "sqlite": {
        "upgrade": 'CREATE TABLE IF NOT EXISTS "fabric_auth_service_accounts" (\n'
        '    "id" CHAR(36) NOT NULL PRIMARY KEY,\n'
        '    "slug" VARCHAR(64) NOT NULL UNIQUE,\n'
        '    "name" VARCHAR(200) NOT NULL,\n'
        '    "description" VARCHAR(1000) NOT NULL,\n'
        '    "owner_team" VARCHAR(200),\n'
        '    "created_by" CHAR(36),\n'
        '    "is_active" INT NOT NULL,\n'
        '    "created_at" TIMESTAMP NOT NULL,\n'
        '    "updated_at" TIMESTAMP NOT NULL,\n'
        '    "deactivated_at" TIMESTAMP\n'
        ") /* A machine principal: holds roles like a user, signs in only with "
        "its API keys. */;\n"
        'CREATE TABLE IF NOT EXISTS "fabric_auth_api_keys" (\n'
        '    "id" CHAR(36) NOT NULL PRIMARY KEY,\n'
        '    "key_hash" VARCHAR(64) NOT NULL UNIQUE,\n'
        '    "display_prefix" VARCHAR(16) NOT NULL,\n'
        '    "last4" VARCHAR(4) NOT NULL,\n'
        '    "name" VARCHAR(200) NOT NULL,\n'
        '    "scopes" JSON NOT NULL,\n'
        '    "created_at" TIMESTAMP NOT NULL,\n'
        '    "expires_at" TIMESTAMP NOT NULL,\n'
        '    "created_by_type" VARCHAR(32),\n'
        '    "created_by_id" CHAR(36),\n'
        '    "last_used_at" TIMESTAMP,\n'
        '    "last_used_ip" VARCHAR(64) NOT NULL,\n'
        '    "revoked_at" TIMESTAMP,\n'
        '    "revoked_by" VARCHAR(100),\n'
        '    "replaced_by" CHAR(36),\n'
        '    "service_account_id" CHAR(36) REFERENCES '
        '"fabric_auth_service_accounts" ("id") ON DELETE CASCADE,\n'
        '    "user_id" CHAR(36) REFERENCES "fabric_auth_users" ("id") ON DELETE '
        "CASCADE\n"
        ") /* An API key of a user or a service account. Only the SHA-256 of "
        "the key is stored. */;\n"
        'CREATE INDEX IF NOT EXISTS "idx_fabric_auth_user_id_4ac1d0" ON '
        '"fabric_auth_api_keys" ("user_id", "created_at");\n'
        'CREATE INDEX IF NOT EXISTS "idx_fabric_auth_service_8cbbaf" ON '
        '"fabric_auth_api_keys" ("service_account_id", "created_at");\n'
        'CREATE TABLE IF NOT EXISTS "fabric_auth_service_account_roles" (\n'
        '    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,\n'
        '    "granted_at" TIMESTAMP NOT NULL,\n'
        '    "role_id" CHAR(36) NOT NULL REFERENCES "fabric_auth_roles" ("id") '
        "ON DELETE CASCADE,\n"
        '    "service_account_id" CHAR(36) NOT NULL REFERENCES '
        '"fabric_auth_service_accounts" ("id") ON DELETE CASCADE,\n'
        '    CONSTRAINT "uid_fabric_auth_service_f46901" UNIQUE '
        '("service_account_id", "role_id")\n'
        ") /* A service account holding a role. */;",
        "downgrade": 'DROP TABLE IF EXISTS "fabric_auth_api_keys";\n'
        'DROP TABLE IF EXISTS "fabric_auth_service_account_roles";\n'
        'DROP TABLE IF EXISTS "fabric_auth_service_accounts";',
    },
    "postgres": {
        "upgrade": 'CREATE TABLE IF NOT EXISTS "fabric_auth_service_accounts" (\n'
        '    "id" UUID NOT NULL PRIMARY KEY,\n'
        '    "slug" VARCHAR(64) NOT NULL UNIQUE,\n'
        '    "name" VARCHAR(200) NOT NULL,\n'
        '    "description" VARCHAR(1000) NOT NULL,\n'
        '    "owner_team" VARCHAR(200),\n'
        '    "created_by" UUID,\n'
        '    "is_active" BOOL NOT NULL,\n'
        '    "created_at" TIMESTAMPTZ NOT NULL,\n'
        '    "updated_at" TIMESTAMPTZ NOT NULL,\n'
        '    "deactivated_at" TIMESTAMPTZ\n'
        ");\n"
        'COMMENT ON TABLE "fabric_auth_service_accounts" IS \'A machine '
        "principal: holds roles like a user, signs in only with its API "
        "keys.';\n"
        'CREATE TABLE IF NOT EXISTS "fabric_auth_api_keys" (\n'
        '    "id" UUID NOT NULL PRIMARY KEY,\n'
        '    "key_hash" VARCHAR(64) NOT NULL UNIQUE,\n'
        '    "display_prefix" VARCHAR(16) NOT NULL,\n'
        '    "last4" VARCHAR(4) NOT NULL,\n'
        '    "name" VARCHAR(200) NOT NULL,\n'
        '    "scopes" JSONB NOT NULL,\n'
        '    "created_at" TIMESTAMPTZ NOT NULL,\n'
        '    "expires_at" TIMESTAMPTZ NOT NULL,\n'
        '    "created_by_type" VARCHAR(32),\n'
        '    "created_by_id" UUID,\n'
        '    "last_used_at" TIMESTAMPTZ,\n'
        '    "last_used_ip" VARCHAR(64) NOT NULL,\n'
        '    "revoked_at" TIMESTAMPTZ,\n'
        '    "revoked_by" VARCHAR(100),\n'
        '    "replaced_by" UUID,\n'
        '    "service_account_id" UUID REFERENCES '
        '"fabric_auth_service_accounts" ("id") ON DELETE CASCADE,\n'
        '    "user_id" UUID REFERENCES "fabric_auth_users" ("id") ON DELETE '
        "CASCADE\n"
        ");\n"
        'CREATE INDEX IF NOT EXISTS "idx_fabric_auth_user_id_4ac1d0" ON '
        '"fabric_auth_api_keys" ("user_id", "created_at");\n'
        'CREATE INDEX IF NOT EXISTS "idx_fabric_auth_service_8cbbaf" ON '
        '"fabric_auth_api_keys" ("service_account_id", "created_at");\n'
        'COMMENT ON TABLE "fabric_auth_api_keys" IS \'An API key of a user or '
        "a service account. Only the SHA-256 of the key is stored.';\n"
        'CREATE TABLE IF NOT EXISTS "fabric_auth_service_account_roles" (\n'
        '    "id" BIGSERIAL NOT NULL PRIMARY KEY,\n'
        '    "granted_at" TIMESTAMPTZ NOT NULL,\n'
        '    "role_id" UUID NOT NULL REFERENCES "fabric_auth_roles" ("id") ON '
        "DELETE CASCADE,\n"
        '    "service_account_id" UUID NOT NULL REFERENCES '
        '"fabric_auth_service_accounts" ("id") ON DELETE CASCADE,\n'
        '    CONSTRAINT "uid_fabric_auth_service_f46901" UNIQUE '
        '("service_account_id", "role_id")\n'
        ");\n"
        'COMMENT ON TABLE "fabric_auth_service_account_roles" IS \'A service '
        "account holding a role.';",
        "downgrade": 'DROP TABLE IF EXISTS "fabric_auth_api_keys";\n'
        'DROP TABLE IF EXISTS "fabric_auth_service_account_roles";\n'
        'DROP TABLE IF EXISTS "fabric_auth_service_accounts";',
    },
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.schema_generator.DIALECT]["upgrade"]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.schema_generator.DIALECT]["downgrade"]


MODELS_STATE = (
    "eJztXVtz27gV/isYvdTuKJ5YviR1O52Rs87Gm8TO2E53u3GHgkhIQkURDEhZ0W7z34sDUh"
    "LvImTKphi8JDKJA4LfAYFzx5+tAe5zahp46o8Oui59T+atM/Rny8ETIn5k3W6jFnbdxE24"
    "6uO+nSQysEuNMZl7kqzv+RybvmgzwLZHxCWLeCanrk+ZA5RdB3U/XSJBgNgAYTT1CEeMi1"
    "/ixwM1CcKmyaaOf4CuHXuO/BFBt++6Lzonp0AAfwIt9ZDnM06sA3isxUzxXOoMt/KEe+fe"
    "ufgm3ko0Zg6BRj3otIewY6Fe2KsR9tqTlET0fsNm0AeeIzzwxRg4eWAmBiDQnk09n1gIe/"
    "cOXB4Ta1/2NmRoRv0RjIKKUc8cwuUbTh36dUoMnw2JuMXFe375j7hMHYt8Ix78+aUFYzKo"
    "Bc1NTrDo38B+SzT70kqMMaMV9OaOjQElthWbH0FTed3w56689vnz5U9vZUsAv2+YzJ5OnF"
    "Vrd+6PmLNsPp1S6wBo4N6QiHeCx0bmiDO17XBqLS4FLywu+HxKlm9qrS5YZICnNsy01j8G"
    "U8eUuMonwT/H/wyHFmlmGFfXd8btxZ1htFITE4aQmEnhJZM5MKmp4wPOf34P+l0BIq+24A"
    "Fv3nVv9o5O9yUEzPOHXN6UcLW+S0Ls44BU8myFsphxxgh7ozTWb0aYZ2MdpUkgLga8HawX"
    "MG0B2NYEfzNs4gzFWnOGTo8LgP5X90ZifXossWZiyQnWpavwTkfeAshXEFvUc208N1xOBv"
    "SbCtBpymrgXlxY4b1aNJ8c8MPTEoAfnuYCDrfigNvY849VcF4SNBDeMtM5fzanJrP8XwHa"
    "RfsGItt5+bIEtqJVLrryXhxfz2TQSwrhX26vr7IRXlEkMLao6aP/Idjxt4V1ZAfsT6ntU8"
    "c7gOc9xyYICEHPE8/7akdx3vvY/S3Jgjcfrs+TuyV0cJ5gR0RSSbHkJ3HHpxOSzZY4ZZI1"
    "IenB4scOfgwFrLi7/Hhxe9f9+CnGj5+6dxdwpyOvzhNX95Ir/LIT9Ovl3TsEf6Lfr68ukm"
    "xbtrv7vQVjEroBMxw2M7AVxWRxeXEpxmbyzaWiuw3YHKfUbK41mxffZH8esEhhH8sg3WhL"
    "CwXbunA3vqMddUpsaEed3P0MbmWvnwI2NX0uRfgI1a5mmD9GkYsLuYbQvDfZm5K0FSxbu4"
    "Pxzq1aK25RV1WridI9nQje2pb4t21VPTSJbfBJxSn1B1XnD2rBq/5c5XOKUzVv8z8spc4e"
    "Fqizh2l1lhPXxmYO1vm7f4JM7/0JI0GmVb0suNnUGuM4xhGnRllgIyQaze/fwbMzGGd6HQ"
    "CpNLJvGSd06Lwnc4nvpRgHdswsXSvqO/wc9rWTsK6urobI8WzpDovOKfH+FrGJH+xT3ds3"
    "3Z8uWkXrQlUI3wbddle9NhPr7IUxG3aY3H1sjmeYW0ZslsMd1mGJK8u26VuTziR5BTt4KH"
    "GCF4Lhx5zlU4v6Qk6hTivXn75q0lbzqQOhYS4p17rV70YEeQJ8myDOZmiPWuhwH5EHwudI"
    "dobE04ljIZuZYw8NKPf8MyQuC7AptukfxAtbiP9NzjxpyY751at/xL1Dw5nvSec3JxMy6R"
    "PuSSe8fPu/eAi6FHfboRcdI3fKhwKC2YhwAv0L+RL1yRCM3q12GVe5kq/70vEVXN201IdZ"
    "M8frEIbwonN4/Or49dHp8WvRRA5zeeVVwe5zeXW3xrctFWCPfE1je06HufBGqaoBuczy93"
    "K7GP+t0zk6etV5eXT6+uT41auT1y+XYKdvFaF+fvkzAB/TABacSCCvGlYQI9LGirXGCrF+"
    "jRhXn+BxOj3FN5viIYqqkzxBpqd55jRPqQ7PLW5dPBApNhaIW0GTTcQtApQlwxivHSEMEX"
    "PKqT9HklAIJOIPnziIOlJ+8cQIxT6OHQ8Hrnm8lGucoRRcODEZt7x0CGOlvUP4ogxFHDA+"
    "EeITzPlAuEJ7HiHLAEbvQMLQ2z9DPWjTQyZ7AGEsEPEYCFMo+IJAHrt3ei4nD/IT6rXls0"
    "OyMIgShETsQ/df0Qt0KNp4DBHxBPGSbZD12IP4BZGZnIiBEnh5MTxBdu/0OcHjiBgIHfkj"
    "8Y+4uw0hr2idLivnhSJb3cW8J1mf84VB5W2y0v3xh2HACnBminWEb+RMSZA+TVTFU3KkSd"
    "6UYBtQkoGWFNsSf5oUPsymvsnUgi4jJA2Mu6w+YFhMSCGTq4YExama5xCsPhooQCxLDlqH"
    "cqYsVBXGTVotfMyFZKo8lxNkejKvn8whZGqzOUakp/Pa6UxdEEWEtJIREp+PcpxK21jWwi"
    "y9jHhIsnyG+TDHqRoH88lhmTVDtMoFWt5LBsSI9/RUl404VeOQPuy8LiPSdV7ny3RwL5F2"
    "R3xMbaVUmghJPXJp4LGNyaVZWu1UZn6MqIHKTPVruSrCGtwdckZ8oM74jo1JfujHqkVbyR"
    "VhCzrDB8KyBRXCoIwXQgxAkhBNxOopiwsgjKC/M+Riz5sxDiEWHvHbiEAT9EA4HdCgJEEb"
    "gTnoQf7OqKmwhYeAX0IWYKC+tyzAsKq6gN6IKTWdgFOA+nAdSi+IaQYOBOZgG/U+fwLDGz"
    "o4OEC/vru4uUBhKgW6vL13rj5/+BC4HHA4YDG0MfRiEjRiM3BqiHdw5ijc1D3kwrgdHx4n"
    "3Q2hk2XCJuLqJlUY3CkXizEpKK4gR6a8GMepdOp/zlqc74RYMEZlA1yRNHCFrl4tlx+/Cs"
    "BLgkbCWyamX7QqADgV079YbkWfzpBwl1M1tTGPvoH4Vy/d6YT0XOib5FTTCek/BJs3zN/V"
    "qbu7w9/nSSLaoY92p7KIaorr49OIntOmwYbUuRtx5vsS4xy7RqxVW822AbSGHxKXtG+8De"
    "wMnphLL6jjITzEkDUizQFhhhDEEA44mwQmApuCEh86ntoysQQsDJCVkjZsVNq7LBQpgyUX"
    "UZhgHMmwWfSSkZdAzqZ+b19aLORjwfABxSM9RKD25L0zG0mrizNH2PfJxBVPxZzTBwLWCj"
    "BrtBGEgYr7zhSyaCAOc5lfk2e++BLUrYK7YzIPLBU6iLIeMXwFQZQLnpXV9ZYEDVTuqo9D"
    "GhOligRh8wZCe1yqFsFxQS2C43QtgsXqlYY4P1UmQtKYRJlH5ttFt2dqT3lWtcJcQKMkGt"
    "BU2lywG6sAGiXRgGYBKlRlkGoybMJrimQlaLWmXWdNWyaPhsv1phXR4uTadFY7htfJE39D"
    "BuJtRsXO+FijtpLOygNSJZc8pO9Rz5sScIVL8sAF3UZj4vrgMl+eN+DY87a4iQY0VCQ9oV"
    "bKdD7xt+cySOObeiQ7RXALz3hEXp32ZT+LLzsEJzP3J1dciRM9ncCyfc28MplFe/gau3/F"
    "azXJtVC5dluUSjsIih0EIVpV+QhuV93tJrolKmBFp1ftPAU3y4OMCiSuZRNVeWtBWD7+MR"
    "RnGA/OepqNmCet9+J6IBR5aDL1fIgsdGUYINjW+2QgZh+E+c1R4KzPDHusqm9ZhYFgC/Xn"
    "YUGFhW0e7WEgx9wPylzB+U9s6qMbYlGvDe1dZtui231BIsQ4kOCo82JCJkz0AidNhfUdsH"
    "ikGKQNQ5Nhjr1VEEIP7UFAI+hXYUDjMi4ylCJXY44cVHXvmGxqCylRKN+2aIIesE2tfagh"
    "IcM9iRW4QODRsiyXBR04ukTDTnsXpv3/ElM9eTFJ10CDePW+hgVoivJHjErLH/WtH75DAO"
    "+c7L5b0Xm6sMmOWhhZQTiMvKko4bLSsS9dBM+0QMiDaA6X8AkN5NEhx4LVaE8eROqdQUJk"
    "r416nLiM+97ZX3v7WdLsI3urWKLTp4hWfYro854K2ECzazSNeTUsBYQTZI1LGT8pFSFyUh"
    "AhcpKOEFmtTEpp4wmyeqSON+oYRuoZ4Ytl6OdM7GvYyVnQY4QJzvQF5bZYsrzytOifX19/"
    "iKF/fplQw68+fzy/ELqiZIVoRP2Ydq79EGWWIvGCFqQQh3vNjki94bZYnLHgWhtyPU6puV"
    "4XrmfoOnL0CqpO/slDkICfsVeeh928fX9D7Dx3b/4RIwvlZscmSJ6XJZ0SVBVskLXSNLC2"
    "rlcnjrPJ07DTp94o6NqJ76S02j3B5og6BEFStEldbJ+hERNvhqTyLoTIMUFYeoTaMncEPD"
    "Iy0EZ6b6SLpvvpEo3JPKO6d/Xda8W85oq5Z0+HSq6UsL1WzNcq5s9r83huWSgGbqeUMt4p"
    "UMY7aWVcGz7yjukseU5n4UGdKbjZTEBi+ARPVNCOUzWvbOxWZvbqbHOVLTBOpQ+YTFmIZI"
    "mvjCV5nYFoRfeE9qHFTqjNQ9pQUBNDgTYP/YhczzMPxUWxsHziRpxPU+tUuvowWznuIZJQ"
    "7VIDTAEVGLK6Ln0fZLPvJN+LTX5gXNGW0joa/wpDbLKR3twIqBaAExIvi8GAnW5xUJ2dEz"
    "K+liK7EEv61HAg0DVZdiNqWsZQbbQxxym1SFaXXbqMIC73FDUbeoREB24no+ETS7VqVl4W"
    "tQZ5XXZeat+pJksv6bfbTbBLJOtlzbrspL3k0lEV2A2TP5MQR5bM2iVDLrJR88XXZbaqks"
    "y6CmQsdwaELGB4JosUhgUhXgT5fQM8oVABAiIRIT+PyYy9IMdPPBkSDMGhDN7m7IMfKutZ"
    "8fiESC5O/gkK2n/9JP5rbCvVll+0b6CTtXoP9k5V8NiVkmOc+RvaSeOU2kZaNxup9n79cG"
    "yWZeE2LNKfpNWsrjWrdyunV7N5QzbXKENfb89b57LYaz218ME0ZfOC2vT50U8C81bOj9YH"
    "oj/dhNYH9+iDe57bAv2Ig3ui22GylvAjg1CSdY0bAv4ThJ+ICS5GBrFOuXb7VZO2muk+IF"
    "yGZJUw3zsIe/PJhAi4zLC4YGhiDzuDVK8DdDeCKnt9WzQaYXsAxwvJP70RsSBDDGr3/fLr"
    "+9u/w6+0KX8bT7l3XC5jCpdtg+ObEXFMPnfBLSBT1jD0jSwC5xVZwXFKvbfd85vLN0b389"
    "07MZXe3IjZ9P7i373HZrSNs/aLgtNbMvcKnWm1vvI0toeMC+YqZarEiBroHqi+QmDwLRr/"
    "nY3TOBcUQ4lRPX0tlOeRhbZS9SRc4WBBN5bLWpoXd+Rbjq8mt4NGzP8ig8XFb3fF7FjaKz"
    "5cX/28aJ7kkc54+QFtR4tkhU1MwUlazepas5oLJvANjcFRSm0MrhuXFfJZtq7zSQtFnra3"
    "MF8o6HmyVmYpBS+f3bpwRw0sZO0CHYdMcNaRdfn6zZKgEbJdXLc56pTJwhetcrUbeS8uzk"
    "nAxKLBJ9imf2QJ1mvATtA2TpHfCuqweKlWTonSNM8bd3hSqp7HSUE5j5NcmDec3znklYBf"
    "oxm+Fegt6rk2nhuqszxJ1zgv3VZqqcBhMDMm5DTV8/9ShM1bWTonJ2UAPznJBxzu6UIrz1"
    "poRQD3QDgVT8lKs10DeZRSVz9WQ92bez6ZCE1zsknZ6SS1Rl8BfZezAc3KUivwO6xI6lGA"
    "HR7bmALs2vadv+c2N8lcV3tqGtczDKapcjUyccFmQ+psmvUQJda28fqwOv2F68pePyS34Y"
    "xf9dj4HPLmKc5bOVwoiN3c7DOLUupPrG6fmIKzURfPUy2eB3Xzqgtc/iB6a1zUcryQUd75"
    "ZRtUGmzacffpClr6IJZnDIZfglYUHLFB3UWZM6FUbBEoSlRYzGuWWVZxkeSiaymWEsB0Lc"
    "V6LxM7avDQtRSfKJRJ507q3MlnlljaqrmTuipi46oidon4OcqVKMPb6+VJvGpYmyjbH0UI"
    "fGQttnzx7oHwhUZb1uYZIWlgYO1WIoTgy1JAOGzeQHQPy57UVnRQW+rwMCb0jKw6K/mhER"
    "ESnY+pGATxrIkk3/8PjkYAuw=="
)
