"""fabric-auth migration 14: audit_sequencing.

Written by hand from `fabric-auth db makemigration`'s output (aerich cannot drop a NOT NULL on
SQLite, so SQLite rebuilds the table). Audit entries are inserted unsequenced and given their
`seq`, `prev_hash` and `hash` just after their transaction commits (`services.audit`): the three
columns become nullable, and a partial index holds the few rows still waiting, so the sequencer
finds them without reading the chain. Downgrading drops entries still unsequenced (a running
instance places them within seconds; `fabric-auth audit verify` counts them).
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

SQL = {'sqlite': {'upgrade': 'CREATE TABLE "fabric_auth_audit_events_rebuilt" (\n'
                       '    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,\n'
                       '    "seq" BIGINT UNIQUE,\n'
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
                       '    "prev_hash" VARCHAR(64),\n'
                       '    "hash" VARCHAR(64)\n'
                       ');\n'
                       'INSERT INTO "fabric_auth_audit_events_rebuilt" ("id", "seq", '
                       '"occurred_at", "action", "outcome", "actor_type", "actor_id", '
                       '"target_type", "target_id", "ip_address", "user_agent", "request_id", '
                       '"details", "prev_hash", "hash") SELECT "id", "seq", "occurred_at", '
                       '"action", "outcome", "actor_type", "actor_id", "target_type", '
                       '"target_id", "ip_address", "user_agent", "request_id", "details", '
                       '"prev_hash", "hash" FROM "fabric_auth_audit_events";\n'
                       'DROP TABLE "fabric_auth_audit_events";\n'
                       'ALTER TABLE "fabric_auth_audit_events_rebuilt" RENAME TO '
                       '"fabric_auth_audit_events";\n'
                       'CREATE INDEX "idx_fabric_auth_occurre_5b27b1" ON '
                       '"fabric_auth_audit_events" ("occurred_at");\n'
                       'CREATE INDEX "idx_fabric_auth_action_f111a6" ON '
                       '"fabric_auth_audit_events" ("action");\n'
                       'CREATE INDEX "idx_fabric_auth_actor_i_0bc0c0" ON '
                       '"fabric_auth_audit_events" ("actor_id");\n'
                       'CREATE INDEX "idx_fabric_auth_target__3003c6" ON '
                       '"fabric_auth_audit_events" ("target_id");\n'
                       'CREATE INDEX "idx_fabric_auth_action_e9c567" ON '
                       '"fabric_auth_audit_events" ("action", "occurred_at", "outcome");\n'
                       'CREATE INDEX "idx_fabric_auth_audit_unsequenced" ON '
                       '"fabric_auth_audit_events" ("id") WHERE "seq" IS NULL;',
            'downgrade': 'CREATE TABLE "fabric_auth_audit_events_rebuilt" (\n'
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
                         ');\n'
                         'INSERT INTO "fabric_auth_audit_events_rebuilt" ("id", "seq", '
                         '"occurred_at", "action", "outcome", "actor_type", "actor_id", '
                         '"target_type", "target_id", "ip_address", "user_agent", '
                         '"request_id", "details", "prev_hash", "hash") SELECT "id", "seq", '
                         '"occurred_at", "action", "outcome", "actor_type", "actor_id", '
                         '"target_type", "target_id", "ip_address", "user_agent", '
                         '"request_id", "details", "prev_hash", "hash" FROM '
                         '"fabric_auth_audit_events" WHERE "seq" IS NOT NULL;\n'
                         'DROP TABLE "fabric_auth_audit_events";\n'
                         'ALTER TABLE "fabric_auth_audit_events_rebuilt" RENAME TO '
                         '"fabric_auth_audit_events";\n'
                         'CREATE INDEX "idx_fabric_auth_occurre_5b27b1" ON '
                         '"fabric_auth_audit_events" ("occurred_at");\n'
                         'CREATE INDEX "idx_fabric_auth_action_f111a6" ON '
                         '"fabric_auth_audit_events" ("action");\n'
                         'CREATE INDEX "idx_fabric_auth_actor_i_0bc0c0" ON '
                         '"fabric_auth_audit_events" ("actor_id");\n'
                         'CREATE INDEX "idx_fabric_auth_target__3003c6" ON '
                         '"fabric_auth_audit_events" ("target_id");\n'
                         'CREATE INDEX "idx_fabric_auth_action_e9c567" ON '
                         '"fabric_auth_audit_events" ("action", "occurred_at", "outcome");'},
 'postgres': {'upgrade': 'ALTER TABLE "fabric_auth_audit_events" ALTER COLUMN "hash" DROP NOT '
                         'NULL;\n'
                         'ALTER TABLE "fabric_auth_audit_events" ALTER COLUMN "prev_hash" DROP '
                         'NOT NULL;\n'
                         'ALTER TABLE "fabric_auth_audit_events" ALTER COLUMN "seq" DROP NOT '
                         'NULL;\n'
                         'CREATE INDEX "idx_fabric_auth_audit_unsequenced" ON '
                         '"fabric_auth_audit_events" ("id") WHERE "seq" IS NULL;',
              'downgrade': 'DROP INDEX IF EXISTS "idx_fabric_auth_audit_unsequenced";\n'
                           'DELETE FROM "fabric_auth_audit_events" WHERE "seq" IS NULL;\n'
                           'ALTER TABLE "fabric_auth_audit_events" ALTER COLUMN "hash" SET NOT '
                           'NULL;\n'
                           'ALTER TABLE "fabric_auth_audit_events" ALTER COLUMN "prev_hash" '
                           'SET NOT NULL;\n'
                           'ALTER TABLE "fabric_auth_audit_events" ALTER COLUMN "seq" SET NOT '
                           'NULL;'}}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.schema_generator.DIALECT]["upgrade"]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.schema_generator.DIALECT]["downgrade"]


MODELS_STATE = (
    "eJztXW1327iV/is4/lK7q3hjx85kPe2eYydO4yYT59jOpu24R4JIyOKYAhiCtKK2898XFy"
    "QlvougSZmi8SWxSFyAfAAC9/3+e2eCx65lDLHvTfdPHesjWeycoH/vUDwj4o+82wO0gx0n"
    "dROuenhsp4mG2LGG92TBJdmYey42PNFmgm1OxCWTcMO1HM9iFChPKTr9coEEAWIThJHPiY"
    "uYK/4SfzxYBkHYMJhPvX10Se0F8qYEXX84fXF4/BoI4CfQWhxxj7nE3IdhTWaIcS1618oI"
    "t/SWnv8QbyUaM0qg0Qg6HSFMTTQKex2GvY4kJRG9X7E59IEXCE888QwueWAGBiDQrm1xj5"
    "gI81sKl++JuSd7u2NobnlTeApLPPWcEle+oU+t7z4ZeuyOiFuueM9f/ykuW9QkPwiHn7/u"
    "wDMNLROaGy7Bov8h9nZEs193Us+Y0wp6c+6HE4vYZmJ9BE3l9aG3cOS1r18v3r2XLQH88d"
    "Bgtj+jq9bOwpsyumzu+5a5DzRw746Id4JhY2uE+rYdLq3oUvDC4oLn+mT5pubqgkkm2Ldh"
    "pe38aeJTQ+IqR4J/jv43fLRYs+Hw8+XN8Pr8ZjjcySxMeITUSgovGYzCoraoBzj/+/eg3x"
    "Ug8uoODPD2w+nV7qvXexICxr07V96UcO38LgmxhwNSOWcrlMWKG04xn2axfjvFbj7WcZoU"
    "4uKB28E6gqkFYHdm+MfQJvRO7DUn6PVRCdD/d3olsX59JLFmYssJ9qXP4Z1DeQsgX0FsWt"
    "yx8WLouGRi/VABOkvZDNzRhRXeq01z44AfvK4A+MHrQsDhVhJwG3PvSAXnJUEP4a2ynItX"
    "c2Yxy/8VoI3a9xDZw5cvK2ArWhWiK+8l8eUGg14yCP/1+vJzPsIrihTGpmV46D8ITvy2sI"
    "6dgGPfsj2L8n0Y7ykOQUAIep5x/t2O47z7y+nf0lPw9tPlWfq0hA7OUtMR41QyU/JO3PGs"
    "GcmfliRlempC0v3ojy38GEqm4ubil/Prm9NfviTm493pzTncOZRXF6mru+kdftkJ+nZx8w"
    "HBT/SPy8/n6Wlbtrv5xw48k5AN2JCy+RCbcUyiy9GlxDSTH44luqsxzUlKPc2dnubomxwv"
    "gilSOMdySGsdaSFj25XZTZ5orw4rHGivDgvPM7iVv38K2NTkuQzhI0S7jmH+GEFuhayDXS"
    "IEapDF1JDNELaK7CYFuWaABWFg6PNah36atoHzYHsW79YdB6vZshxVcTFOtznZZqctvrpt"
    "HUioa6zxSSUp9QfV5Q8qmqvxQuVzSlL1j6s6qKQnOCjRExxk9QQucWxsFGBdfPinyDRTld"
    "K+5JorqoKbT60xTmIcsxZVBTZGotH8/XcwmU3uc805gFQW2ffMJdYd/UgWEt8L8RyYGnlC"
    "bNwo+zXsaythXV1dPaKL50s7Y3xNifc3iU284Jw6vX57+u58p2xfaArh66Db01Wv/cQ6f2"
    "PMhx0W9xgb93PsmsPEKoc77JClrizbZm/NDmfpK5jiO4kTvBA8fsILwTctT/ApFt0pdFRY"
    "NRmoOSsA4dBYUq71V7iZEsQF+DZBLpujXctEB3vSSUB2hTgRS0AsMRfZzLjnJ0hecy1sW/"
    "8iPLotOkC7lHlIPCqhJpdbSsJroaVxbik2XMY5ssJPgUs3A5fMyGxMXC5HkHD8gSNBAXcH"
    "ob8CRo7v3glM5lPiEhhQMJxoTO7AvLAzqOKUoORVcEE9BacCq9KX2jET9x08wovDg6Ofjt"
    "68en30RjSRj7m88lPJcXTx+WaNF4GUiMVSyGJ7Zt0VwhunagbkKvvhy3Yx/p/Dw1evfjp8"
    "+er1m+Ojn346fvNyCXb2VhnqZxd/AeATIkE0EynkVR04EkRae7FWeyH2rylz1Rd4kk4v8X"
    "pLPERRdZGnyPQyz13mGVniqfmv8wci+cgS/itoUof/IkBZ0WH0kgrGiBi+a3kLJAkFQyJ+"
    "eIQKpkbyL1w8oTjHMeU4cILAS76G3knGxSUGc02edRZttHdwFJVOnxPmzgT7BGs+YK7QLi"
    "dk6SrK9yUMo70TNII2I2SwB2DGxAO4C8SAmULBFwT82C0dOS55kJ/QaCDHDslCd1VgGLEH"
    "3X9HL9CBaMMZImIE8ZID4PXYAzCGDFxQxYMSeHnxeILslo5dgu9jbCB05E3FP+LuPjqVfV"
    "uSfSQueKz+0acRK2r+Ee3CmGK82AMGTrHyz1sKyyt0bLUeAFKPI6n5isANxvzN517IdEKL"
    "ONgGm83EtcpOsAGZ/NgMMa3uUmXNfE/0RRQ9XcuOlapsachhdp0r3chxUsy7Kp/qjznO0w"
    "L8s8F/hXfq81CxBaVIN+Nt0xEL9tYZg1YbYmWObUnRFrPWJ7fy6FxRADhG0kN/3OYdycWC"
    "FBKEqqtYkqp/9szmvcQCxPLYoHUo57JCTWHcp93Cw65gXpXXcopML+b1izmETG01J4j0cl"
    "67nC0HWBHBreSEShSjnKTSGqG1MEsjKb4jeSbPYpiTVL2D+figyp4hWhUCLe+l/XnEe3LV"
    "bSNJ1TukDw7fVGHpDt8U83RwLxWOSTxs2UohVjGSbsRYwbC9ibFaqvBUVn6CqH9sSfNbuS"
    "rAGtvtMZy8lRaBnSKjSXh7oGQwCawMCraS0CwhdfiBJWHl+jGTenbHgawXDM2nUtdPFuie"
    "EAc08jMyY+7iJG7emJC8HBttDQQWlG+q5hdMKfPlsLs4lmRjIE0ctoDJsTFFzL2l3Lqj4g"
    "1eQH6PgH7v59DoEj276ACbPDKr8NAqAT/BWi9tLCM5qHg5i5i3dHdl1QnnarQX5v7ALglc"
    "aMywm1HYYv/q/Ob8883F5efRYx1p2lOba7NFFbOFxxzLUBIxI4Ieqv6al+IdvLAZzmHGb8"
    "iPggUeI+kFxGXGiPO/3ZTzgUtbxKfLz3+JmqeZw22OtddmoepmoS7xSu/FUvHdYmYpuq/G"
    "LU0Cqors0jWbifMWnCGAQ+DoTnAZ3olgG8Rl4sKpPQM/abQ7wtYwXKqCVBzwQT4xAzt4bN"
    "ngOiK4AM7EwZ/hlFoa4xEcg8FMtZD7sL1OMVUg3BUzB93P0rMhDVIrOXrEi6rpQ8P2vUO3"
    "eS3FdvEAm+V4QUCExJHh3rUlTEG4zT6GJ4j5PAiR2bXMvARZZyHp+49XxMYFjiTxg/6TNb"
    "O8y7DDLVwPRcFXSTFGnP1DG960Cci+iN4kbH2Cq3WO88IkM4d5hBqLshy4qWZq/Ke1IlbI"
    "iQuxXxPL5R4KPYOCxLXffeYJBlAg5c9kW8SJ4BRlflhMUWwsSFg7kG628GWiDzc3X0BllW"
    "FG2xoIkthyR9ATqSkLhgiNYuiOeT+DKo547mKZ3DZQ64EeTjCwHBRqMNNSCye2V3is4HHE"
    "g9/SXfBc9imo7kLFnO+RPYTvxPrZR59FT9yBaHo0XiDuj38jhiefMZQGihjmX3fCxsN78T"
    "FAo+h3aP0LyIcRAyyeNvAerhvgpp2JN6WVS09sVRYxTdcLBVLbOrrUV5OAuiRLQ4KqyYzR"
    "3Tjh8uBVSM+Q3nyqruA0XQ9XcPPizj1RypQTNu8htO3k0vUEHEq7cETQQ4Sb946WuRwKcr"
    "mUcRxJukbCaJ4a6aeJi53l5yIpjUhe0uho5JoB95H8Wx30JYle63VRd8lMPAE8lxLyCTKN"
    "fn30uRCWayVvjBHq3I1ds8sm+H7xosR1XEvN1ztFpr0Fq+RCDVRWQ2A3/Ry9bMl2lqHs0a"
    "b2yOxEOQBPCTaJq+TqnUf7KJ/vjmG9aefuJZ5jZubIumcWxe5izVREpKl5GC+8wBDUmxk4"
    "C0FdzoCYgLOLz6dXf8/3qzrLmYSzv9+cn2qr6nM8wreriol2oNtOB7pPBHOyU2TFDO4OlI"
    "yXNtBULeOJYFQT/cbGiNGwMObKh96nHBIJYQTrFO2C0S7I+YRcYuPF3gmaijdF86kF+S7F"
    "Gp4TM2OtbGGMWzomE+YSNFp9aqOfpZEz6lfGM5gW4chmAg4wTc6nMnURCmke64D3tF5hz8"
    "oBb8psMy8Tc0m81ZKih8rn5oWo7TrrNEtTk6XBxnffqpcsKkWqJ7pzE90pribhDVjI3aR9"
    "BlW4HKAdJjwYq7A7kgwSO0ouJMfLKGAc5oKPCHyjwlSH9A98IAMgIcxQei/BxZyq5W2MUN"
    "/pSTs6dckEoB2dajA72tFpKxydtCH3KUyJDnEtprRjrCj6Z1xqwSlHq3qfSQBNntOmWvao"
    "JFUPT+KWMr1kcM+CXq8eVCz2eMtwL4quGaQqQSWXXOcqQH2y6P0NuyfFBaBWLQaK0h+9F/"
    "KQIKws+QVVmV74ENwChGiGLRsCtznCCPo7QQ7mfM5cqKvEiTdA4O5kIyGOWRNrmYzG8KwH"
    "+Xee8Nf8IJBKB3ZZKSZefzh9cXj8GjL5c098E+Y+ehvF14BmW1wHoVOsG6gawCi20ejrF9"
    "hS0f7+Pvr24fzqHIUFldHF9S39/PXTp6DOAA4fWDzaPfRiEDRlcymLikleRGFAQlSF56ae"
    "TJ7jrWKAZmwmrlbO7x+vQei7Yv8uy+gvn0w5p1mSSmvdlbXu0cSocJcrkh4egM2LovLjVw"
    "F4SdBLeKtELYhWJQBnohai7XZY0yOviL6H+DdvVhpD7jWiXmwqTdc/UVXneuiGhqtLomkP"
    "vZL0NNec5pBJV53jGJmOD+j4/D5N2fYt+mi3qm57R3F9fOH2p9QfsTuL3kxd5nl2iRdBot"
    "VATY8EtEMvJK6oS3of6HQgC/ELsOLLBCaQjIUSFNZkh6R/E5fNAnWMbYHCJKyVEeRdAW0O"
    "VADPKpEa7R20R+cyMXKUZxkUUTn6oVG6tCWQM98b7UntkBwWlEzik1lwRH4IgG6pdKiU2i"
    "HseWTmeJAr2bUeCGiGQIU0QJDoWdynPpQph3wwy+TSJZ4NBnN0ppYuGh5LHBiiOavsuRAR"
    "9FCQbt4OqTNbhNAeVcpscVSS2eIom9ki2r2yEBdH/sdIehP731jI4EScYVH+3oqAxkk0oJ"
    "k0CcFprAJonEQDmgeoEJWBq8nRv5cL2WlaLWl3WdKGeh/DcLuuoVHJIdeqs85NeJd83y9P"
    "xb+ngaS2UyS0JhoNlGRWJv8NRcGq7g8y/afYsLyFDLajSD4A+m906RB68Q7cCCj4qTsuex"
    "At3YH0VhByqAeuAaAkOIlEUjQRi5TnJiZtZ5hbCjcgK+juKCIcDYSsGnjkgohKpaOCaCHt"
    "o8WiZUQODULyjISZdE6ICIq9E9S0eM0r8NZLn7Gad3Ik+OfoKQrerfUnLnFGiM1cZdttjK"
    "aHslBrnvFKcvyKpIcQHx4fV8BYtCpOpAj3ntTpo2O85QZ8PiRew8CljuSpBRmzCaYlYCeI"
    "04lSBHVbC3t5ZcOZUi4vPyXYu7OLdIWpr7+cnV/tHshpEI0sL6EY1G4Iz4DJzkhVwKkNLV"
    "pXqkqSaym6y/MtxA3CeeByPeQE23n7anExvwLyPpxnZbPcRl0/l0zEvE5rT0URvZ4L9bkI"
    "MKzvkpVHr/fBLu+D2m9H++1ov50qGtD3tvyEStSfssWghu5zIggV4r4CdaJYNK4HoViQay"
    "zSDElvGco8UDZafCpuL4h3sqx0jgxs27KiESXE5AN0Txwvq/VsfoxbCo44xH3BRQ/ggONl"
    "Ws/wAtmyhFPgYhM51uyj98ynsogStI9CxsD1xuO3dCSrMowGKFgyZpAVDfxG0S647OwN0F"
    "jSe0zSh674wQNE7wd1ntLd31JwLGL3lizmDvm3Hp1hTT6qcvBAkkrHfaX0JRXivrSqtX1V"
    "65OGxnQb7BZiY5hJIpWe0rLOEPYQ7oPDN1Xc1Q7fFPurwb0k4pSFHFpVpJcEPUS4jaT3ph"
    "AZDW/ou5YKymm6HoJ9+PKoynqGZiXVr44yK3oJncdqIR6QacArAy5zPNSQt9N0jxC6t0eR"
    "opCpSzD+FoQEqKziOM0G666Ld6fcYa63s5mTUOeP6sRi3jqt4HYF5epSAVvqWOh7Y/bjHJ"
    "Lj7xQq1mJtBkqqtSDpfkWtGg1y9AdpbkGtg6LAMbQ7ij9P0Cu46M1dy/MgAT+ViiO5tePA"
    "KY1NirwJmx/llkaRcOCfSJkPsWhSRSfLDRAziKwTg8koNiimEMSyiSGXwXHReJXTHZkWd7"
    "BnTJcbOiffd0Sr0jS+xS6HQJ3ZaMqC3UICHe3WTLRb910+O8+FShwUONCofVvc5/YrdFfY"
    "Ck6dwyNl4C3cH2IUm4sVan+baCxcSOfn7kh+7vVQ6/SrlfcJBy9shpW8h2IkvYB40x5DzD"
    "B8t14FlhSplhW7JismlGxphl9lpjPE2iesa3OtoBfIaF6tvMD4s5D2/ccrIYd6+cxYXOb9"
    "RsZTxu7fxTSz27n3Zlydfm9dk/LFxsU5qeXNgZLuBCr1KFZcHPvUtAkoJaKyQLIchtRsuA"
    "QcdCDWMVQx5NZTVOrhEV443Rd2+xDfCJ4GKuxu1F77N61lc5+2UGclQ9dm7FuHlZLnHJYk"
    "zznMJs+x+PKxs4daWaBdklAH2SkE2QnoZImAnGW9DvIV3QYRj3aTrQVc23GLt5j+1gHyHb"
    "PmrCcp9ax3ZdZz5LmlxKEszgXsdgOiHEgcn6JieFu2EAqFuJRGd9l5E4Bdx/rrE2YbEXyD"
    "lVYm/S7XoqIIPFx9EesF4Q9sjma+MQUBFi9FWCyr3qI7F1OoNURcFBQs/Dm6M7fEqvAhvs"
    "YVHdgCGpkjKOogKy63OE5+iqFQfaAr8G6VSV/XL93cLDxh/dJ64vmM0WDr20YfVF3NclPm"
    "VDgC1bSlMRIdG14eG748VxPQ1osNj1T824nr2tjw2KrKjw3P2R6aglYXXX3i4PsvLoNcO8"
    "QsdxRONVNk9iNiZa/hHx5xoexE4Ni7K5htvIDCoWgemDP3ELZBtbBAUwzmLTMsTuqSKARF"
    "Fj+9txyHmDm2sVaGyK9SwXw3+BrkQEuHXc3qd4PJLKlVsZy5yr5lSwrNCFVghJYfhALEcZ"
    "oegtxKItHVNqyuoU7T9lBHvb066e7FHl0FWePKq7knGqlxFImsdBX5iUsK9ay4TyB2R5IH"
    "NcyDFDpQc32ZnYbaiwFktIGc4rI6Fhdr35KZc0zEHeaJHnyeoz1saYxHuOPoYuhPkhQnBE"
    "ctrCJJpCMrtGX9OZ1fCQtgsBcqqseSVFpDVq4hC9FqSpNzvepuO9Fdq8lJLq/OaXKuyAMz"
    "cPjyRRzXsokqvxURVk+kGLIzzJWFWtB8yrgsSSquB0wRRzOfQ5ZA5qA5c++hYOiYTMTqA9"
    "PpAgXJDvI8mhvrGwqeXhEs0x+SQJcTrna0GyUwBIZssDTwXhHT4gNo7zDbFt3uCRLBxgEH"
    "Z9EXMzJjohdOPNH3FZtDiVMCD2nDo8nA8NEqicMI7YKRGNKboxmTWiccPH/ERa6eGa3m4J"
    "YazLcFl+hZti2aoAdsW+YeEvwacjBIaUFdVxja8d07KJgzJbQNz26thtqYGioMWFSNhE7T"
    "9VBb0rwRtCymtIT/KIspfZ78RzIl2gO7r8W7Jyk1795p3l1nN+rrLHdKw8jkOxfwuXBTkc"
    "MVJIoxeYLJAy9Bh7gzK+BHQ//A3RFwpfzEtrgHcXUugaR0/OSPZfF5tXvTsXqdOOeKOben"
    "DSjrodo1HiKdcOyuinCKrHeRe8eVIveOSyL3jrORe6udKccn/6/Xl58LPTDjZOlT3TI89B"
    "8Ee1trmK+2kLFv2Z6Q8PdhvKfYRQCmxAmfSRKSzgeS2m6gg3SSEIsPwxfLkc/XxPfFCHVI"
    "pY7we8axXjrC7znOeqMRfmHCz6jY+hBSizcSvxb0G9Z/j4SbLVsglSL/ZB72pmCDkl59A6"
    "t1uTq51naKJOxUs4GSrJ36TiqL3TNsTC1KkCOwMywH2ydB4SgkhXfBRN5DpB6soYGssQUW"
    "GeloI6030kRz+uUC3ZMFz5PDm+5eC+YdF8y57d8pmVLC9lowXyuYdz+JzuZ8edtIo6MVH/"
    "mWwJeVwIZmxdbAl1m42VxAMvQInqmgnaTqQ8XkDazsSD4e51ScKT4Ck1S6ho9OAKXVQx09"
    "HLdTUaDVQ89x1ovUQ0lWTO6RNWc+S62zN3dnspX9HlbLAjvWEFQBDSiyTh3rI6mSsrmb81"
    "6u8gPlitaUdlH5V+pik490fSWgmgNOSIxCYqmnAxdvLHV1+S7jayny4/aTjwntgEAH72+H"
    "17T0oap1MCcpNUvWlVO6CiMuzxQ1HXqMRDtup73hU1u1alReHrUGeV10XubcaSZKL22320"
    "6wKwTr5a269fmt3JCTaQLsnvGfaYhjW2bngiGjaNRi9nUZrarEs64cGSuxqWLNvLDoCWKU"
    "RAkhXgTxfRM8syADBHgiQnweC4vKQoyfGBkCDMGgDNbmXHa2uZ6rFKSVfhnBVMdicf4JFW"
    "ljt2K6y+JitNq0vRHTNs4rsFFi2sa5dTX6YH9t3ri9Vck9XrYFcsOZPVzm1VShJim1+rRr"
    "6lNtGHt20wwZDYZ+vVRzaVo91Z2e6u0K99XTXHOaOxS8r4/n1mdZnLVczbMwS9k/f7fmJQ"
    "kpPOM7kqfgK8Y6SdU7J87jg8Mq0asHh8XRq3Av5QLnwHcgPpUcM3Mx0kmq3iHd0oJWU/HE"
    "SLRRoNwoAFA1pZz+Gva1nbiuVU7HVpWqcjp+HKbTDD/SPyWd8rgn4G/AM0UscPFk4AZVqN"
    "JfNRmoafUDwqW3VqXSFJgvZjMi4DLCvIOh9j3sDKLA9tHNFBLwjW3RaIrtCRSKkD/5lJgQ"
    "PAZp/f767eP1z/BXVsvfxii31HGlu+GyLffE/mEiQg134YDFQEazYegbmUQ0FpcmLpuh0f"
    "vTs6uLt8PTrzcfxFJ6eyVW08fzv48eG+x2r5b6/77JrP89DMIqNgpg+465YnKVglgSRD00"
    "DzSfPDD4Foe/ze+zOJfkSUlQbT5NytPwQq0kRAl3ONjQh8ttLTsXN+RHga2msINerP8yhc"
    "X5327Kp2Opr/h0+fkvUfP0HOlgmGeoO4riGOqogtO0eqo7PdWumAS3pjI4TqmVwV2bZYVQ"
    "l/ZlvnjZ9kKpL1XbXUXuS5eZr+LSJfPNMzcTTwCFe2Qp8H0kJFAiM8rvRgmh7y1IIb9KD7"
    "03QJR50ARnpb7Gh7ilk0BDBCIdpC6BLPRhS0hr8kBASpwFeeYxlS5lErDK7mHxhwCaWCJs"
    "7Qj2xI5gqamp7BCWousF55uU/F5VMTO8KrYyvMoYGXTa+DaiDzzs+UpWmxVFD1dt8/qKIM"
    "UDCLtKeqEEVSPG3g4p4w6q5pEpSyOTAZoaU+YOTZwD9PUM23ah82iScnPOowdtgR04j746"
    "/On10m8UfpS5jF7/cvrpU9ZvVNboqSWLJCm1yNk5YSThZkbNWj5mKzItbHZ8fmt9xHE6Pc"
    "NdnmGQXBU54xiJZovLXUMAqiy09VxDvoR9bSeua11DYqsq4RpyJZb41cXbmycNXPzKxc23"
    "oO+RupZ8pVei0UBJ6eUD6dAIaCtqvb5SCBhkE4TRhAjRyoU8uKHUCtoqM0iES6B4jcXME+"
    "lxYBPzjrjou888HFRBJKCHMkRrRrMhjS2MAcUd34rF4M/AVcLiklysDtOCF8M2Gn39Ajsj"
    "2t/fR2LxBcP8OfjvvxBF3z6cX52vfv7pz8i2ZhYU4eEMUXZLqT8bg65uAt0avutCBUeXiK"
    "+Be3wgFXZ0gVatouKS4p4BirYH4ppiaZZkHylWrMG6CYASs2kGn7SEZij5Wp2gZDsSlGj9"
    "nNbPbR8jEgc1vQtVXcGZ3at/K7h5/+rEFq8oKqVptcaj0/IS8B1qJ3NE0Zvg8g2czV0yeE"
    "uX/GKevwavX5XFL54YXcSiE8dtMQNJZtiyVc7dJUEPD9xXh1XMNqJVCdOYMdtIwMQ27c6w"
    "bf0rb1NeA3aKtnee662gDpuXahWROE3/wk8PjivZJI9LbJLHhTDXXN8F5L0zB7cBvWlxx8"
    "aLoeoqT9P1Liy1lboiDuZ8zgSfNsV8qgJ3hrB/O8vh8XEVwI+PiwGHe7roiDrn12DREQHc"
    "gxDxxSh5cuMayOOUuhKwGup8wT0yE7L9rE4J5jS1Rl8BfcdlEysvY2tJoN2KpBvFyGHY3h"
    "Qj18FexWdufxOu68pHfZv1HBV1pnSLzNRnszuL1k3zFyfW3lvdmersF66rXD3L2RYY1EgG"
    "V0DeP8H5uJKm4rhEU3GcV9sXPNLqfWZxSv2JdfkTE7DXy4+bINRz3LU5VjAo62KBqsUCoU"
    "5gc9nYPoneepeKLVG2XLoBhPHjTSB2eSr+7V/xoKSTYKzIyyPhilWZ6SNSjZbuBP+WnhVM"
    "aj8t4hK0Mq+hGsU5ZfZMpYqcMmnF+jKcRc1yvd+jdKe5BTd/jdefirJ9qmWb0F7ucE+X4d"
    "T6QV2Gcwsc7XVubZ1buxMBlGtza+uCmr0rqPmNjKeM3b8jkC/MLc7CnW6nxnfOA2p4dyC3"
    "qvKfl5Qg8gDRlx6TYZ6Emg4TSJ8g7HlkJvNaC5nVspHlIe4bBiEmhyRrEHXqEs9doLlYHW"
    "wOlDzDuDbc/y3dHU2wZRNzNBB3wZsP0NirnHAtGj5cLauER/IhJScMtTlX1yn54Q3DR1Wv"
    "z6kZ5U0xytuR7GrHEQsQwGxrLtrOeBV8CDk4F2dgipH0Jr6qseKd6e0lg2u5kJdD3kNJb0"
    "sku0rWK+m9UX/Cc8i1JavL8y26csTbkWHRAVW4ceZQ1to/Oza5Te+g8osgrstyhNDiwz9J"
    "1btAkFbcK7SH6rPYsQw2c+r60aRp9dnU5ZlOCcNVdaMpMq0fTYc9R6qEDKZl6oA41ebkpF"
    "7oBUqU09FabUqRGmrpzmPdbtm0VNWppr7y9fpquYCbwvnS98bsx3nUZV8xjn3zXVVcL5f6"
    "GsV1/JOoobiOlltFvfW3KXFDzXKQv/DL5fUNgUIeYq1FpRgh02HU7x84YnOKOBG8qId2r8"
    "UiNAVOKHx6vpd1umhpDJ0YphPndbEq2XeV0sKEzXuYFObw5dGbSvkEjt6UJBSAm2k//UTl"
    "oerBEQkyLbRXEdqDIyboKoN1caxviqwb8b4wXm/ifYNTYsgJtvPSDhTX2MwQ9mLnKZOr26"
    "itqZNsbDjhgNYe1lr726ZT0gHtvZ3mWgFaSYekR4Y65PhIbecaeIKIh1MxCcZ0p0iKD28P"
    "1grveNWwM8lRn4uP1SONpsUir/iauKI0FiPpBQO6gcRu8GUpIBw27yG6rRQJFCN6uRroYi"
    "k3RrJ5CfdpOI3GZFkFbqD5s+33/weDXniA"
)
