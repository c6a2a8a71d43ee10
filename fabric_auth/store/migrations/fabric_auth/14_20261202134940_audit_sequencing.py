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
    "eJztXW1327ix/is4/rJ2r+IbO3Y219vec5ys07jxxrm2c9N23SNBJGRxTREMX6yo7f73zo"
    "CkxHcRNClTNL7sxiQGpB6AwMxg5pl/7Uzo2DG0IfW96f6pbXxki50T8q8di84Y/CPv9oDs"
    "UNtO3cSrHh2baaEhtY3hPVu4Qmzseg7VPGgzoabL4JLOXM0xbM/gFkqeWuT08zkBAcInhB"
    "LfZQ7hDvwL/vFgaIxQTeO+5e2TS8tcEG/KyPWH0xeHx69RAP9EWcMlrscdpu/jY3WuwXMN"
    "666VJ9xat9bZd/hV0JhbDBuNsNMRoZZORmGvw7DXkZBk0PsVn2MfdEHoxIN3cNgD1ygCQX"
    "ZNw/WYTqh7a+Hle6bvid7uOJkb3hTfwoC3nlvMEb/Qt4xvPht6/I7BLQd+56//gMuGpbPv"
    "zMU/f93BdxoaOjbXHEah/yH1dqDZrzupd8xphb3Z98OJwUw9MT+CpuL60FvY4tqXL+c/vx"
    "ctEfzxUOOmP7NWre2FN+XWsrnvG/o+yuC9Owa/CR8bmyOWb5rh1IouBT8YLniOz5a/VF9d"
    "0NmE+ibOtJ0/TnxLE7iKJ+F/jv43fLVYs+Hw0+XN8PrsZjjcyUxMfIXUTAovadzCSW1YHu"
    "L8r9+DfleAiKs7+IB3H06vdl+93hMQcNe7c8RNAdfO70KQejQQFWO2Qhlm3HBK3WkW63dT"
    "6uRjHZdJIQ4v3A7WEUwtALszo9+HJrPuYK05Ia+PSoD+/9MrgfXrI4E1hyUnWJc+hXcOxS"
    "2EfAWxbri2SRdD22ET47sM0FnJZuCOLqzwXi2aGwf84HUFwA9eFwKOt5KAm9T1jmRwXgr0"
    "EN4q07l4Nmcms/i/BLRR+x4ie/jyZQVsoVUhuuJeEl9X49hLBuG/XF9+ykd4JZHCWDc0j/"
    "yb4I7fFtaxHXDsG6ZnWO4+Pu8pNkFECHueue43M47z7i+nf00PwbuLy7fp3RI7eJsajpim"
    "khmSn+GOZ8xY/rAkJdNDE4ruR//Ywo+hZChuzn85u745/eVzYjx+Pr05wzuH4uoidXU3vc"
    "IvOyFfz28+EPyT/P3y01l62Jbtbv6+g+8EtgEfWnw+pHock+hydCkxzOy7bUB3NYY5KamG"
    "udPDHH2T40UwRBL7WI5orS0tVGy7MrrJHe3VYYUN7dVh4X6Gt/LXT4BNzp7LCD7CtOsY5o"
    "8x5FbI2tRhYFCjLSaHbEawVWQ3acg1AywaA0PfrbXpp2Ub2A+2Z/Ju3XawGi3DljUX43Kb"
    "s2122tKr2/aBhL7GGp9UUlJ9UF3+oKKxGi9kPqekVP+0qoNKfoKDEj/BQdZP4DDbpFoB1s"
    "Wbf0pMKVUp70vucUVVcPOlFcZJjGOnRVWBjYkoNH//HY/MJve5xzmIVBbZ99xhxp31kS0E"
    "vufwHtTS8ozY+KHsl7CvrYR1dXX1ig6dL88Z43MKfr/OTOYF+9Tp9bvTn892ytaFphC+Dr"
    "o9XfXaT6zzF8Z82HFyj6l2P6eOPkzMcrzDD3nqyrJt9tbscJa+Qi16J3DCH4Svn4hC8HXD"
    "Az3FsHYKAxVWTQZywQooONSWkmvjFW6mjLgAvsmIw+dk19DJwZ4IEhBdEZfBFIAp5hCTa/"
    "fuCRHXHIOaxj+ZG92GDsiuxT0Cr8os3RVLSiJqoaXn3FpUc7jrEiP8FFwRZuCwGZuNmeOK"
    "Jwg4fnAJSODdQRivQIntO3eAyXzKHIYPBIWTjNkdHi/sDKoEJUhFFZxbnkRQgVHpS+3YEf"
    "cdvsKLw4OjH4/evHp99AaaiNdcXvmxZDs6/3SzJopAWMQwFbLYvjXuCuGNSzUDcpX18GW7"
    "GP/P4eGrVz8evnz1+s3x0Y8/Hr95uQQ7e6sM9bfnf0bgEyZBNBIp5GUDOBJCynux1nsB69"
    "eUO/ITPCmnpni9KR6iKDvJU2JqmudO84wt8dT619kDE3pkif4VNKmjfzGUrBgwemmBYsQ0"
    "3zG8BRGCoJDAHx6zQKkR+osLbwj7OLVcGgRB0KVeY90JxcVhGnd0Nxss2mjvGCgqgj4n3J"
    "mB+oRzPlCuyK7L2DJU1N0XMIz2TsgI24yIxh9QGYMXcBaEozJFgi8I9bFba2Q77EF8QqOB"
    "eHYoFoarosJIPez+G3lBDqCNywmDJ8CPHKCuxx9QMeQYggovyvDHw+uB2K01dhi9j6mB2J"
    "E3hf/A3X1yKvo2hPrIHIxY/YNvRaqo/geyi8+E58VeMAiKFf+8tXB6hYGtxgNC6rlEeL4i"
    "cINn/ua7Xqh0Yos42BqfzeBa5SDYQEx8bBoMq7N0WXPfg76YZKRr2bZSVS0NNcyua6Ub2U"
    "6KdVfpXf0x23nagH82+K/wTn0eMmdBKdHNRNt05AR76w6DVgtiZY1tKdGWstansPJoX5EA"
    "OCbSw3jc5gPJYUKCBSEbKpaU6t95ZvNRYgFieWrQOpRzVaGmMO7TauFRB5RX6bmcElOTef"
    "1kDiGTm80JITWd105nw0ZVBLSVnFSJYpSTUsojtBZmcUhK71jekWcxzEmp3sF8fFBlzYBW"
    "hUCLe+l4HvidruyykZTqHdIHh2+qqHSHb4p1OryXSsdkHjVMqRSrmEg3cqzwsb3JsVq68G"
    "RmfkKof2pJ80u5LMAK2+05OHknTgR2ig5NwtsDqQOT4JRB4qwkPJYQPvzgJGEV+jETfnbb"
    "RtYLTuZT4etnC3LPmI0e+RmbcWdxEj/emLA8jo22HoQnKF9lj1+oZXFfPHaXxkg2BuKIww"
    "SYbJNahDu3lmvcWfALXiC/RyC/91N46BK9O3RAdTc6VnHDUwn8E0/rxRnLSDwUfpzB9Ftr"
    "d3WqE47VaC/k/qAOC0Jo9LCbUdhi/+rs5uzTzfnlp9FjA2nac5urY4sqxxYetw1NysSMBH"
    "ro+mveirfpwuQ0Rxm/Yd8LJnhMpBcQlx1GnP31plwPXJ5FXFx++nPUPK0cbnOuvToWqn4s"
    "1CVd6T1MFd8pVpai+3La0iSQqqguXfMZ7LcYDIEagkvuQMvwTkBtgMvMwV17hnHSZHdEjW"
    "E4VUEUNviAT0yjNh0bJoaOgBbgctj4M5pSS894hMagcV0u5T5sryimCoy7YuWg+yw9G/Ig"
    "tcLRAz9Uzh8atu8dus17KbZLB9isxosGIhJHhmvXligF4TL7GJ0gFvMAJrNj6HkEWW9D0f"
    "cfr5hJCwJJ4hv9hTEzvMuwwy2cD0XJV0kzBvb+oYm/tAnIPkNvArY+wdW6xnmus5nNPWZp"
    "izIO3FQzOf3TWAlLcOJi7tfEcFyPhJFBAXHtN597oAACUv5MtCUuA01R8MNSi8SehYS1Ax"
    "Fmi18m+XBz8xldVhlltK0HIYmta4M8E56y4BHhoRi5495P6IpjnrNYktsGbj30w4EC66JD"
    "DUdaeOFgecXXCl4HXvzW2sXIZd9C113omPM9tkfoHcyfffIJenJtzKYn4wVx/fFvTPPEO4"
    "bWQJHC/OtO2Hh4Dx8DNor+Dk//AvFhpADD2wbRw3UT3FQw8aa8cumBraoipuV64UBq20eX"
    "+moSUJewNCSkmmSM7sYOlwevBD1DevGpOoPTcj2cwc2bO/dMiiknbN5DaNvh0vUADqlVOB"
    "LoIcLNR0cLLocCLpcyjSMp10gazVMj/TR5sbN8LpLSjOSljMpGrplwH9m/1UFfiqi5Xhd1"
    "h83gDfC9pJBPiCn066PvgrFci7wxJqi4G7t2LpvQ++GHMsd2DLlY75SYihaswoUauKyGqG"
    "76OX7ZkuUsI9mjRe2R7EQ5AE8Z1ZkjFeqdJ/uomO+OYb3p4O4lnmOu59i6bw2LOos1QxGJ"
    "psZhvPCCg6DejMDbENTlCMAAvD3/dHr1t/y4qrc5g/D2bzdnp+pU9Tlu4dtVxUQF0G1nAN"
    "0Foy7bKTrFDO4OpA4vTZSpWsaT4FN18hsfE26FhTFXMfS+5SKRECU4T8kuHtoFnE/EYSZd"
    "7J2QKfxSMp8ayHcJc3jO9MxpZQvPuLXGbMIdRkarT230kzjkjPoV+Qy6wVxicoADjybnU0"
    "FdREKZxwbgPW1U2LMKwJtyU89jYi7Jt1pK9ND53LwRtV17nVJpaqo0VPvmG/XIolKiaqA7"
    "N9Cd0moS0YCF2k06ZlBGy0HZYSKCsYq6I8SQ2FFoITlRRoHiMAc9IoiNCqkOrR/cgUiAxD"
    "RDEb2EF3OqlrfxhPpBTyrQqUtHACrQqYayowKdtiLQSR3kPsVRos0cg0utGCuJ/h0utRCU"
    "o1y9zySBJi9oU449KinVw524JaaXDO5Z0OvVg4rlHm8Z7kXZNYNUJajklOtcBagLw7q/4f"
    "esuADUqsVA0vqz7sEeAsHKll9QlemFj8ktKEhm1DAxcdsllGB/J8SmrjvnDtZVcpk3IBju"
    "ZBIwx4yJsSSj0TzjQfw7z/hr/iFIpYOrrDATrz+cvjg8fo1M/q4H34S+T95F+TXo2YbraH"
    "TCvMGqAdyiJhl9+YxLKtnf3ydfP5xdnZGwoDI5v761Pn25uAjqDNDwheHV7rEXjZEpnwtb"
    "FAZ5EaUBgamK7215gjzHW+UAzfgMrlbm94/XIPQdWL/LGP3Fm0lzmiWllNdd2useDYyMdr"
    "kS6eEG2LwpKj5+GYCXAr2Et0rWArQqATiTtRAtt8OaEXlF8j3Ev/ljpTFyrzH5YlNpuf6Z"
    "qorroRseri6Zpj2MSlLDXHOYQyVddoxjYio/oOPj+zRl27foo92quu0dxfXxhduf0n/E7w"
    "zrZupwzzNLoggSrQZyfiSUHXqhcEVf0vvAp4MsxC/wFF8QmCAZi8VIWJMdSf8mDp8F7hjT"
    "QIdJWCsj4F1Bbw5WAM86kRrtHb1HZ4IYOeJZRkdUjn9olC5tieLc90Z7wjskHotOJvhkFi"
    "5h3wGgW0sEVArvEPU8NrM95Ep2jAeGniF0IQ0IEj3DfcvHMuXIB7Mkly6JbNC4rZhaunjw"
    "WBLAEI1Z5ciFSKCHhnTz55CK2SKE9qgSs8VRCbPFUZbZIlq9shAXZ/7HRHqT+99YyuAE9r"
    "CIv7cioHERBWiGJiHYjWUAjYsoQPMABVMZtZoc/3u5kZ2WVZZ2ly1trPcxDJfrGh6VHHHl"
    "OuvcgHcp9v3yFP57GlhqO0VGa6LRQMpm5eK/oSlYNfxB0H/CguUtRLKdRcQLkP8mlzazzn"
    "/GMAIL49Rthz9AS2cgohXADvUwNACdBCeRSUomMEndXGLSdh5za+ENZAXdHUWCowHYqkFE"
    "LpqolghUgBbifLTYtIzEsUEonrEwk8EJkUBxdIKcF695B9566zNW8048Cf9z9BQF79bGE5"
    "cEI8RGrvLZbUymh7ZQa5HxUnb8SqSHEB8eH1fAGFoVEynivScN+uiYbrmBmA+B1zAIqWN5"
    "bkHOTUatErATwmmiFJBua2Ivr2yYKeXy8iKh3r09T1eY+vLL27Or3QMxDNDI8BKOQRWG8A"
    "yU7IxVhZra0LDqWlVJcWVFd3m8wdxgrhuEXA9dRs28dbW4mF+BeB/2s7JRbqOun8MmMK7T"
    "2kNRJK/GQn4sAgzrh2Tlyat1sMvroIrbUXE7Km6nigf0vSk+oRL3p2gxqOH7nICgRN5X4E"
    "6ESeN4mIqFXGORZ0hEy1jcQ2ej4U7h9oJ5J8tK50SjpikqGlmM6e6A3DPby3o9m3/GrYWB"
    "OMx54UIPGIDjZVrP6IKYooRTEGITBdbsk/fct0QRJWwfpYxh6I3n3lojUZVhNCDBlNEDVj"
    "SMGyW7GLKzNyBjIe9xIR+G4gcvEP0+rPOU7v7WwsAifm+IYu7Iv/VohjXxqtLJA0kplfeV"
    "8pdUyPtSrtb2Xa1PmhrTbbBbyI3hOotcelLTOiPYQ7gPDt9UCVc7fFMcr4b3kohbPNTQqi"
    "K9FOghwm2Q3utgMmre0HcMGZTTcj0E+/DlUZX5jM1Kql8dZWb0EjqP10I8EFOAVwZccDzU"
    "sLfTco8wurfHkSLB1AWKv4EpATKzOC6zwbrr8Nst1+aOt7OZnVDxR3ViMm+dV3C7knJVqY"
    "AtDSz0vTH/fobk+DuFjrVYm4GUay0g3a/oVbMCjv6A5hbdOiRKHCO7o/j7BL1iiN7cMTwP"
    "Cfgt4TgSSzsNgtL4pCiasPmn3FpRJhzGJ1rcx1w04aIT5QaYHmTWwcNEFhsWUwhy2eCRy+"
    "S46HmV6Y50w7Wpp02XC7rLvu1Aq1Ia3+KQQ5TOLDRlyW6hgMp2aybbrfshn53XQgUOEhpo"
    "1L4t7XP7HborbEFTd/GVMvAWrg8xic3lCrW/TDSWLqT4uTvCz70eakW/WnmdsOnC5FQqei"
    "gm0guINx0xxDXNd+pVYEmJKluxa7ZiwsmWVvhlRjojrGLCujbWEn6BjOfVyEuMfxvKvv94"
    "BXaol6+MxW3er2w85fz+55hndjvX3kyo0++te1I+m7SYk1rcHEj5TrBSj2TFxbFv6SZDp0"
    "RUFkiUwxCeDYdhgA7mOoYuhtx6ilI9PCIKp/vGbh/yGzHSQEbdjdqr+Ka1au7TFuqsdNC1"
    "mfOtw0rkOYcl5DmHWfIcw12+dnZTK0u0SwqqJDuJJDuATpQIyJnW6yBfyW0Q8Wg12VrA1T"
    "lu8RLT3zpAvq3XHPWkpBr1rox6jj23tDikzblA3W7AlEOL4yIqhrdlE6HQiEt5dJedNwHY"
    "day/PmG2EcM3mGll1u9yLkqawMPVF7HeEP7A52Tma1M0YOnShKWi6i25c6iFtYaYQ4KChT"
    "9Fd+YGzAof82sc6MAEaARHUNRB1lxu8Tn5FEOh+0BV4N2qI31Vv3Rzo/CE9UvrmeczbgVL"
    "3zbGoKpqlps6TsUtUM5bGhNRueHlueHLfTUBbb3c8MjFv524rs0Nj82q/NzwnOWhKWhV0d"
    "UnTr7/7HDk2mF6eaBwqpmksh8JS0cNf/eYg2UngsDeXVC26QILh5J5cJy5R6iJroUFmVI8"
    "3tLD4qQOi1JQRPHTe8O2mZ5zNtbKI/KrVHDfCb4G8aBlwK5S9buhZJbUqliOXOXYsqWEUo"
    "QqKELLD0IC4rhMD0FuhUh0tQzLe6jTsj30UW+vT7p7uUf/53OPXjDqskKNItZETpv4hoJD"
    "zLSpWoHrlIyxCEPg0hM86Mz5wSUw8TyXaCY1RHzMQtTHinhxBiJ5KMrvwYYzNuNB4FQqvq"
    "a5zm+tWNaQiBLaD37naG+f3CC9Dj4Keh+J7kego6BzUtfZkoBn9QYjZOkZBYQ9Bpbfosv3"
    "+YmMNGaY8AtGqLyg3Ixj4pLIeZqJC9G7CuagKX1g4TsPCHwygv9HMBgx2x3cWg586nMs+D"
    "VaZSiO9siYTcAqwNwpIetiNXssBb9PkPo9esCdgbcES1H0u0xYawLKIyMiN4KXFnlVwQP0"
    "QYLFKNsHeUGinzgQv8emTkAkD3NqAcOD6LQR66QUs00pZuFUz9UcykYhKddWAktfx2OFP5"
    "J2yfHjrCR6qLM1rxiLhUxubi9F+pSXteF5He4bkovKSkhBXxt6xYygrJP2rZOrgNP6BumU"
    "C+2TRCM5CyXBmV3RRrlE88B1fYbMAkKcCPGA4JOA7r7kzrTMxQDVfax4JIwHMBAwHVfQEr"
    "g296AH0G6z7s6WnvEIBTpgtJYlNUxKqZD2AkWiWHMOwZFL+k4K9WmTayzvW8X99nb/SsQn"
    "Bmuh5OF9Ukqd35ef34doNXXOfL3qbjvRXXvOnJxenTtnvmIPXKPhjy/SuJZNZPWtSLA6zX"
    "uoznBHlJEk8yl3GQnqzgRKkUtmvosc5twmc+7co3cz9GeClrMI/ZB5+ZaN9X1r3VpXjAr3"
    "MQtOmiN/525Er44K2WAZfnrFdMMdYHubm2iP7oEIqHGowRnWi8DLDC/oQd9XfO4SCo+Elx"
    "T+VuFejTtwyS46TrH4EplxcSZOg/ePtMjVO5PVGNxaGvdN0BI9wzShCXmgpqHvEdDX0P/r"
    "Br5bXTza9p079F1PmaV8sd031EsOyUM6FVmeprRcD/2CzYdoljHelOgfZYw3z1P/SBI2P/"
    "D7Wrp7UlLp7p3W3ZWHsa+j3CkPIzeLIx/ETUkNF0QkGUNAycPzfJs5MyPQR8PspV0MDHDc"
    "E9NwPWT9cBhSZrsnfyhjD6ndm2IS6cQ+V6y5PS3dRQ/drnECp0TaaVWEU2K94xU5rsQrcl"
    "zCK3Kc5RVZrUw5J+Z/ub78VJgfFhdL7+qG5pF/E1zbWsN8tYSMfcP0DIz5guc9xSqCMCV2"
    "+AyFYZqtMLXcYAdpCkPDHYY/LMc+X8M+EhNUhC+Kf+QZM1Eo/pHnOOo5tk59/pEwsHhINR"
    "EAOcTCR42wawT9ngbdRsbNlk2QSrwkokpUU7BhweG+gdW6XZ2caztFFnaq2UDK1k59J5XN"
    "7hnVpobFiA3YaYZNzZOgrC0RxjsokffII4JzaCAqAOOJjAi0Eac34ojm9PM5uWcLN88Ob7"
    "p7ZZh33DB3TT8nBrXkKCVsrwzztYZ59yk+N5dp2AbJp3J85J8EvqwENjYrPg18mYWbzwGS"
    "ocfoTAbtpFQtsLtGStT+zI7s43FOPcziLTAppSqMKnpa5R7q6Oa4nY4C5R56jqNe5B5Kqm"
    "Jijaw58llpVVumO4MtHfewmhbUNoboCmjAkXVqGx9ZlYIy3Rz3cpcfOleUp7SLzr/SEJt8"
    "pOs7AeUCcEJhEgoLPx2GeFPhq8sPGV8rkc8qlnxNbIcCilpsO6KmRQxVrY05KalUsq7s0l"
    "UUcbGnyPnQYyIqcDsdDZ9aqmWz8vKkFcjrsvMy+04zWXrpc7vtBLtCsl7erFvPvuuEmkwT"
    "YPdM/0xDHFsyO5cMGWWjFquvy2xVKZ11FchYSU2FOfPCsE4ENV1ICPEiyO+b0JmBDBAYiR"
    "hwy2HGXpDjB0/GBEM8UMbT5lx1trme1x9T/xrEZQRDHcvFgWaJWzHf5T/U0fbTHm3TvPJ/"
    "JUfbNLfqXx/OX5s/3N4qco+XbYHcMLOHw72aLtSkpHKfds19qg7Gnt0wI6PB0K9HhJ2WVU"
    "Pd6aHernRfNcw1h7lDyftqe259lGGvdeUiC7OS/Yt3a4F/GI1nesfyHHzFWCelehfEeXxw"
    "WCV79eCwOHsV76VC4Gz8DuBTyTlmLkY6KdU7pFua0HIunpiIOhQoPxRAqJpyTn8J+9pOXN"
    "c6p2OzStY5Hd8O0zTDj4xPSVMe9wT8DUSmwASHN8MwqEKX/qrJQM6rHwguo7UqFc6j7mI2"
    "YwCXFvIOht73sDPMAgsKytj+2IRGU2pOsBKM+NOdMh2Tx5DW7y9fP17/hP/KevnbeMqtZT"
    "si3HDZ1vVg/dAJszRnYeOJgchmo9g30Rk0jqrojN6fvr06fzc8/XLzAabSuyuYTR/P/jZ6"
    "bLLbvVxhsvsma5L1MAmr+FCAmnfcgcGVSmJJCPXweKB58sDgWxz+Nr/P4lzCk5KQ2jxNyt"
    "PoQq0QooQrHC7ow+Wylh2LG/a94KymsINezP8yh8XZX2/Kh2Ppr7i4/PTnqHl6jFQyzDP0"
    "HUV5DHVcwWlZNdSdHmoHBsGp6QyOSypncNdGWSLVpX2bzx/Hx6DA6os3GsjZfTHRyiFdgm"
    "+eO5l8AizcQ7Cg6D4BCzQoSLobEULfG0ghv6KH3hsQi3vYhGatvsYfcWtNAg8RmnRIXYIs"
    "9GFLpDV5wFKkZBbwzFNLhJQJwCqHh8VfAmViRNgqEOyJA8FSQ1M5ICwl1wvNN2n5vapyzP"
    "Cq+JThVeaQQdHGt5F94FHPlzq1WUn0cNY2768IKB7Q2JXyCyWkGjns7ZAz7qAqj0wZjUwG"
    "aEubcmeo0xygr2fUNAuDR5OSmwsePWgL7CB49NXhj6+XcaP4R1nI6PUvpxcX2bhRUaOnli"
    "2SlFQmZ+eMkUSYmaXXijFbiSljs+PjW+sjjsupEe7yCKPlKqkZx0SUWlweGoJQZaGtFxry"
    "OexrO3FdGxoSm1WJ0JArmOJX5+9unjRx8YsLN9+hv0f4WvKdXolGAymnl4+iQy2Qrej1+m"
    "JhwiCfEEomDEwrB3lwQ6sVvVV6QITLsHiNwfUTEXFgMv2OOeSbzz0aVEFk6IfSoDW3simN"
    "LTwDizu+g8ngzzBUwnCFOMwO3cAfRk0y+vIZV0ayv79PYPIFj/lT8L//Ihb5+uHs6mz15x"
    "//RExjZmARHpcTi99alj8bo69ugt1qvuNgBUeHwdfgeu5AOOysBVm1iopLwj0NHW0PzNFh"
    "apawjxQ71nDeBEDBaOrBJy2gGQq9VhGUbAdBifLPKf/c9ikicVDTq1DVGZxZvfo3g5uPr0"
    "4s8ZKmUlpWeTw6bS+h3iG3M0cSvUku38De3KUDbxGSX6zz19D1q6r4xQOjilh0YrstViDZ"
    "jBqmzL67FOjhhvvqsMqxDbQqURozxzYCMFimnRk1jX/mLcprwE7J9i5yvRXUcfGSrSISl+"
    "lf+unBcaUzyeOSM8njQphrzu8C8d4dB7cBvW64tkkXQ9lZnpbrXVpqK3VFbOq6cw562pS6"
    "Uxm4M4L9W1kOj4+rAH58XAw43lNFR+Q1vwaLjgBwD2Diw1Py7MY1kMclVSVgOdTdheuxGd"
    "j2szolmNPSCn0J9G2HT4w8xtaSRLuVSDeKkeNje1OMXCV7Fe+5/SVcV5WP+jbqOS7qTOkW"
    "wdRn8jvDqkvzFxdW0VvdGersF66qXD3L0QYMapDBFYj3z3A+ruSpOC7xVBzn1fbFiLR6n1"
    "lcUn1iXf7EAPZ6/LgJQTXGXRtjiQNlVSxQtlgg1glsjo3tAnrrHRVbomy5CAMI88ebQOzy"
    "FP7bv+JBySDBWJGXR8IVqzLTR6QaLd2J8S09K5jUPi3iErSyqKEaxTkFe6ZURU5BWrG+DG"
    "dRs9zo94juNLfg5q/x+lMR26cc24SKcsd7qgyn8g+qMpxbEGivuLUVt3YnEijXcmurgpq9"
    "K6j5lY2nnN//zJAvzClm4U63k9M754E0/nYUN6rqn5cWI+wBsy89LtI8maXbHJA+IdTz2E"
    "zwWoPNapjE8Ijraxpjuoska5h16jDPWZA5zA4+R0k3o7g23P+ttTuaUMNk+mgAdzGaD9HY"
    "q0y4Fj0+nC0rwiPxkkITxtqcq+sW++4Nw1eVr8+pFOVNKcrbQXa1Y8MERDDbGou2Ga+CDy"
    "EH52IGpphIb/KrGivemV5eMriWG3k54j209LbEsqt0eiWiN+oPeI64Osnq8nhDVzb8OjYs"
    "2qAKF84cyVrrZ8cGt+kVVHwRzHF4jhFavPknpXqXCNJKeIWKUH0WK5bGZ3bdOJq0rNqbuj"
    "zSKWO4qm80Jab8o+m058iVkMG0zB0Ql9qcndQLv0CJczqaq005UkMv3Vms2y0blqo+1dRX"
    "vt5fLSZwUzhf+t6Yfz+LuuwrxrFvvquO6+VUX+O4jn8SNRzX0XSr6Lf+OmVO6FkO+As/X1"
    "7fMCzkAXMtKsWITIdRvz+4hM8t4jLQRT2yew2TUAecSPj27l426KKlZyhimE7s18WuZN+R"
    "ooUJm/eQFObw5dGbSnwCR29KCAXwZjpOP1F5qHpyREJMGe1VjPZgiwm6ymBdnOubEutGvi"
    "8+rzf5vsEuMXQZNfNoB4prbGYEe7HylNnVbdTWVCQbGyYcUN7DWnN/23xKKqG9t8NcK0Er"
    "GZD0yFSHnBip7ZwDT5DxcAqDoE13iqz48PZgrfFOVw07Q476XGKsHnloWmzywtfkSlpjMZ"
    "FeKKAbIHbDL0sC4bB5D9FtpUggPNHL9UAXW7kxkc1buE+jaTRmy0poA83vbb//B1XQheo="
)
