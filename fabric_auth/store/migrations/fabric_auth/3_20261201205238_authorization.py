"""fabric-auth migration 3: authorization.

Written by `fabric-auth db makemigration`; holds the SQL of every supported dialect. The
UPDATE of the built-in `user` role was added by hand: self-service now needs the `account:*`
permissions, which that role grants (unless it already grants them, or everything).
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

SQL = {
    "sqlite": {
        "upgrade": 'ALTER TABLE "fabric_auth_api_keys" ADD "parent_key_id" CHAR(36);\n'
        'CREATE INDEX "idx_fabric_auth_parent__788130" ON '
        '"fabric_auth_api_keys" ("parent_key_id");\n'
        'UPDATE "fabric_auth_roles" SET "permissions" = '
        "json_insert(\"permissions\", '$[#]', 'account:*') "
        'WHERE "name" = \'user\' AND "is_builtin" = 1 AND NOT EXISTS '
        '(SELECT 1 FROM json_each("fabric_auth_roles"."permissions") '
        "WHERE \"value\" IN ('account:*', '*'));",
        "downgrade": 'DROP INDEX IF EXISTS "idx_fabric_auth_parent__788130";\n'
        'ALTER TABLE "fabric_auth_api_keys" DROP COLUMN "parent_key_id";',
    },
    "postgres": {
        "upgrade": 'ALTER TABLE "fabric_auth_api_keys" ADD "parent_key_id" UUID;\n'
        'CREATE INDEX IF NOT EXISTS "idx_fabric_auth_parent__788130" ON '
        '"fabric_auth_api_keys" ("parent_key_id");\n'
        'UPDATE "fabric_auth_roles" SET "permissions" = '
        '"permissions"::jsonb || \'["account:*"]\'::jsonb '
        'WHERE "name" = \'user\' AND "is_builtin" AND NOT '
        '("permissions"::jsonb @> \'["account:*"]\'::jsonb OR '
        '"permissions"::jsonb @> \'["*"]\'::jsonb);',
        "downgrade": 'DROP INDEX IF EXISTS "idx_fabric_auth_parent__788130";\n'
        'ALTER TABLE "fabric_auth_api_keys" DROP COLUMN "parent_key_id";',
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
    "BFOkcI7lkG50pIWMbVtmN3miHR1WONCODgvPM7iVv38K2NTkuQzhE0S7lmH+FEFuhayDOR"
    "ECNchiashmCBtF9jkFuXqABWFg4LsbHfpp2hrOg+1ZvFt3HKxmizqq4mKc7vlkm52m+Oqm"
    "dSChrnGDTypJqT+oNn9Q0VyNFiqfU5Kqe1zVQSU9wUGJnuAgqyfgxDHxuADr4sM/RaaZqp"
    "T2JddcURXcfGqNcRLjmLWoKrAxEo3mH3+AyWwyzzXnAFJZZD8wTujU/kQWEt8L8RzYHucJ"
    "sXGj7F3Y11bCurq6ekSOH5d2xviaEu9vEJN4wTl1evP+9OfznbJ9oS6Eb4JuT1e9dhPr/I"
    "0xH3ZY3CM8nj9ibgwSqxzusEOWurJsm71lHVrpK9jGU4kTvBA8fsILwTeoJ/gUau8UOiqs"
    "mvTUnBWAcDBeUq71V7idEeQK8E2COHtEu9RAB3uIPBC+QLIzJEYntoFMNp67aEK5650gcV"
    "mATbFJ/03csIX4f8yZK00ECYeF+oe4t2m48l3pVcCJRawR4a70bpBv/ycXQZfibi90T8DI"
    "8flUQPA4I5xA/4K/RCMyBWvCTq+KD4KSE8GF7Sn4ENBKH2bLLNpTeIRXhwfHb4/fHb05fi"
    "eayMdcXnlbcvpcfLld4zQgBWCXfMtie0anhfDGqeoBucr297pZjP98eHh09Pbw9dGbd/3j"
    "t2/7714vwc7eKkP97OJvAHxCAohmIoW8qr9GgkgrK9YqK8T+NWNcfYEn6fQS32yJhyiqLv"
    "IUmV7mucs8Izq8NLt1/kAk21jCbgVNNmG3CFBW9A+9sgUzRMY+p94CSULBkIgfHrERtSX/"
    "4oonFOc4tl0c+DzgJV9jTyXjwsmYccPN+obW2jv4hUofzwnjlmCfYM0HzBXadQlZeoa6+x"
    "KG4d4JGkKbIRqzB2DGAhaPATOFgi8I+LF7e+hw8iA/oWFPjh2Shd6pwCRiD7r/hl6hA9HG"
    "ZYiIEcRL9oDXYw/iL3B55UQ8KIGXF48nyO7tESd4HmMDoSNvJv4Rd5tg8sr26ap8XsiytZ"
    "3Ne5b9uZgZVD4maz0ff5gJWAHOxmIf4RsZU1Kkz+Ou0hIT8NZZU4JjQIkHWlI0xf50yS+b"
    "+d6YqXmzxkg66NBavye2WJCCJ1f1tUpSdc8gWL+bVYBYHh+0DuVcXqgujLu0W3iYC85UeS"
    "2nyPRiXr+YQ8jUVnOCSC/ntcuZOsCKCG4lJ9agGOUkldaxrIVZWhnxlOTZDIthTlJ1Dub+"
    "QZU9Q7QqBFreSzvEiPd0VbeNJFXnkD44fFeFpTt8V8zTwb1UPCPxMDWVYpRiJO0IUoJhOx"
    "OktNTaqaz8BFEHhZn693JVhDW4W2SM+ECw53OyU2SJiO73lMwQk4CqognihlnEm4HS3DGx"
    "7aIpx7Z3gjASlwmHrA0WuM+g3SGmg3D9CFJ3uBekmRhjB4+oCSaG3aHrsuFe1hDR0BhP0N"
    "6PmaEWiRW215kHCnasYlV9+4O3n4kvaiR0W7yoGpcftu8cuvUfvToMuxh68YIG5BMK964t"
    "sYCE22zGAKLAE8Q0+Q+Ec2rk5U04C0k/fLomJi4wj8QP+ktqUe8q7HAL10ORT25SYhBn/8"
    "CEN60Dsq+iNwlbl+BqnOO8MIjlMI/Y40VZarRUMzX+k66IFVKlgV+wdPZFob0ryGf2zWee"
    "YAAFUr4l2yKXCE5Rpg3DNoqNBXnMfgLPD+LxxTKvWIYXbWice1u60kAuNcGNuuA5A9OGwD"
    "VZ7JUwSNC5dE+ZiknfR18EhetAZBQaLZDrj/5Fxp50YQ5Z+CIu97edsPFgLlYwNIp+h4qo"
    "gHwQca3iqYKcZ9qxpR1+FSWOLamJrcrXpek6KP/Xb/RJfTVVI+4SVHVm/2vHsfTEULv05l"
    "N1BafpOriC65dR5kQp6jls3kFom8mL5gk4lHbhiKCDCNfvqCPj8gricss4jiTdRi6dbfNu"
    "eJmgBys/rrQ03GRJo0NNNoymioRWhSC2iESv9U1R58QSTwDPpYR8gkyjvzn6rhCKN0rEEy"
    "PUeXja7Dmu1eU/xDRvV9ZSHQZSfZbb5BmRNIgUqakzZhMFLbXkqQYJI06Feh5IkkEMpCyO"
    "kaOzDQIMH6ntIugcUc+VXg9/ciHXhFjMcBEiEuFiTj2PJkbYXIWs1cZtYqi02rjalGi1cU"
    "u4G5UMuFosfrZ9JGaTJ5wypR1jRdG9sKIGVJxaKPpBfIjyTGBqYSFJqg6exA05cGdwz4K+"
    "WabEmPv1luFe5GDUS+VITC651uVGvKT2/JbNSXFqxFWLnqL0Z8+FPCQIK0t+QdLCV74rBD"
    "AgRBampqxqiDCC/k6Qg133kXFIQegSr4dAeWwiIY7RCQ1qIfYQpEt4kH/nCX/1DwJ5e2Tl"
    "RxATo8qPq3KP6P3SK0lIneI6CJ1i3UCCHWZjEw3vvsKWivb399GvH8+vz1FYagBd3NzbX+"
    "4uL4OUPDh8YPFoc+hlTNCMPUpZVEzyAoVBb0JUhee2PRhOpuMJkxBZzBJXNyn/6Phc7N+k"
    "pKqjfDLlYKUklfb8L3BGKBZKo4lR4S5XJB08AOsXReXHrwLwkqCT8FbxARGtSgDO+IBE26"
    "3o054S7nCqFlZdRN9B/HUIRju0Lm0SlzpoU9LTvOE0b1jfSpe22p75fZkiG1v00W5VlY2W"
    "4vr0MhsvqdNgU2rfzjjzPLPEsp1o1VPTbQDtwAuJK+o3PgR6BlespVdgWZYhShAkZRMUVt"
    "CAWPwJZ1agIjApCPFhYqaetE+DhgGqNmQVG7X2DhqNc5lMOMpSDMqRHJ3FMJ2ZGMiZ7w33"
    "pMZCDguKD/HJLFxEvguA7u3HmdS62AuEPY9YjhgVc04fCGgrQK3RQ5AmWdy3fagyAZFdy/"
    "oTJdZ2KJgNd3UsVsuMYSVG9WjOKlvTI4IOCnf128Z07EoI7XGl2JXjktiV42zsSrR7ZSEu"
    "9u2PkXTGu/+J9WjixzM1o7Q6FQGNk2hAM4EQwWmsAmicRAOaB6gQlYGrydEJrykinaLVkn"
    "abJW1ZXCncrjetGJ4k16qz1k14m/yxIdvKTpGwKm/2lGRUmQeuquUdxjTQyLcNU2briPyg"
    "g1wyaHc44YQMe2jo8Nz0cxv1UHNpmGIVWP3ar/WiWyw7qRwJ/jl+idSkax1Ei6UzncKvMb"
    "ObTtnXZFYB6i4fO4PxGWMmwXbBTpEgTIE9EpRNob288rybw9nV1WXigD67SOlwvtx9Pju/"
    "3j2Q8ItG1EuodhKYS5+onGW9DvIV3TMiHu0mWwu4ttwXbzHddXz2HWPDWU9S6llvy6znSC"
    "fLTIXKKTN18sequTJdf7TsvA7AbmL9dQmzZxF8g5VWJv0u16KiCBxLh7peEP7IHpHlj2dB"
    "wspIhMUyzDdIqe4ih3AURGj9FN2BDJXM94KaqMgU0AQVUeM5JhPicoPj5JpGnVB9oEOOt8"
    "o6qgM2n28WXjBgczPx3GJ2sPVto2Fah+89k55JHoFq2tIYiXYYLHcYXJ6rNTgMRir+7cR1"
    "rcNgbFXlOwzmbA91QaujTF/YI/MrZ2PiusQ4fyB2CZ+fbKbI7EfEAwLUVU1fNiLfPcLBp1"
    "HSoV3BbOOFJVPTk9GMsfkewiaoFhZohsG8ZYTRmJwIlKl0k4Rozzl1HGLk2MYaGSLfBZL5"
    "PPga5ECwHDSr3yIms8QRcjlzlT0hlxSaEarACC0/CAWI4zQdBPmw369ieuv3i01vcC9dtD"
    "LahtU11GnaDuqot1cn3T6PmWsyEW8zK09fkWikxlHwgFQpicWVDcESrk8geYQkD5I29NCc"
    "OB4kmYgSRDDbXPTETTShYeiFK9Y+lZEPBnId5okefDdHe9jQGE9wx9HZH14k+8OqjmcW9k"
    "K+LUn0fC6+zbNwtXn5ast6Z8+vhAUw2AtVk0wmqLSGrFxDFqJVlybnZtXddqK7VpOTXF6t"
    "0+RckwcWpMAq4biWTVT5rYiwesawkJ1hHHJmcfQ4Y66MdxXXA6bIRZbvepCLy5GJsyAadU"
    "QmTCZ5JgsUpLfITRRWV98QTXsNFQpHC1AAgS4nXO1oFwM55jL7dG9p4L0mBnV70N5hpim6"
    "3RMkgo0DDo7aryxiMdGLSzzR9zV7hPhZAg9pwqPJxGDDVdqOIdoFIzFEJIQpwJaZxEIucv"
    "XMaDUH9/aY+abgEj1qmqIJesAmNfaQ4NdkgjTQUQEXCUM7PhdLBjoozIat1VBboYYKMyhL"
    "IBVY+TRdB7Ul9RtBdZLrBpJcwwY234h3T1Jq3r3VvPt25bPSNVK2VMPIShLIyJuKHC6rnC"
    "0miqgTTB54CTqEWzTgR0P/wN0hcKXuiUldD+LqOHEY99yT/yqLz9u4Nx2r14pzrphze9mA"
    "sg6qXVfQxh9LAeEUWeci9/qVIvf6JZF7/Wzk3mpnyvHJ/+Xm6kuhB2acLH2q07GH/oNgb2"
    "sM89UWMvKp6QkJfx/Ge4ldBGBKnPAR4rufT/+enoz3l1dn6e0GOjjLhveFL5Yjn6+J74sR"
    "6pBKHeH3A8d66Qi/H3HWa43wC1MtDsKkjrLORi3xa0G/p0G3kXCzZQukUuSfzF1aF2yQ57"
    "VrYDUuVyfX2k6RhJ1q1lOStVPfSWWx28LjGbUJgjICY+pg8wTNmHgzJIV3wUTOIVIP1lBP"
    "ZlsFi4x0tJHWG2miOf16geZk4ebJ4XV3rwXzlgvmrulPlUwpYXstmK8VzNufROf5fHmbSK"
    "OjFR/5lsDXlcCGZsXWwNdZuNmjgGTgEWypoJ2k6l7F0EZWdiQfj3LyIxcfgUmqJxyFLQO8"
    "HsurTgCl1UNtWdFbqijQ6qEfcdaL1ENJViwsOLrRzGepdfLp9ky2st9DrASBQwegCqhBkX"
    "Xq0E9B/YetnPdylR8oV7SmtI3Kv1IXm3ykN1cCqjnghMTL8kmgpwMXbyx1dfku42sp8uP2"
    "k48J7YBAB+9vh9e09KHa6GBOUmqWrC2ndBVGXJ4pajr0GIl23E57w6e2atWovDxqDfK66L"
    "zMuVNPlF7abredYFcI1stbdevzW/GQk6kD7I7xn2mIY1tm64Iho2jUYvZ1Ga2qxLOuHBkr"
    "salByc8TWdYzTAjxKojvm2CLQgYI8ESE+DwmI/aCGD8xMgQYgkEZrM257Gx9Pa83U/8Wry"
    "kbi8X5p7Zfv6z9GudV0SixX+Pc4hldMLLWb8Heqgwe21KkjzNvQz1pklLrSNumI9XWrx9u"
    "mmUhRX+zfHJpWj3VrZ7q7Yrp1dO84TS3KEJfH8+Nz7I4a10198EsZfec2uqXJKTwjKckT4"
    "tXjHWSqnOemv2DwyohqgeHxSGqcC/l5+bAdyA+lRxbcjHSSarOId3QglZT8cRItOa/XPMP"
    "UNWlgb4L+9pOXNdqoGOrSlUDHT8O07mEn+iEks5r3BHwn8H9RCxw8WTg61Sot1816amp7g"
    "PCpUtWpfoT2F1YFhFwjcPkgqGKPewMQr320e0MsuyNTNFohs0JVIOQP90ZMSBCDHL3/fLr"
    "p5uf4K+sKr+JUe5th0ufwmVb1xP7h4GIPeYLB8wCMmQNQ9/IIKKxuDThzELDD6dn1xfvB6"
    "d3tx/FUnp/LVbTp/P/Gz41om2ult9/Xmdq/w5GWhUbBbA5ZVxMrlKkSoKog+aB+jMEBt/i"
    "4F+P8yzOJclQElTPnwvlZXihRrKehDscbOiD5baWnYtb8r3AVlPYQSfWf5nC4vzvt+XTsd"
    "RXXF59+VvUPD1HOuLlB9QdRcEKm6iC07R6qls91VxMAt9QGRyn1Mrgts2yQjxL8zJfvDZ7"
    "odSXKuCuIvela8lX8duSSeUZzwQNQHUeWe97HwkJlMi08btR1uc5hTzxqxzQez1kMw+a4K"
    "zUV/sQ9/Yk0BCBSAf5SSDVfNgScpc8EJASrSCZPLal35gErLIPWPwhgCaW7Vo7gr2wI1hq"
    "aio7hKXoOsH5JiW/oypmhqNiK8NRxsigc8M3EWLgYc9XstqsKDq4auvXVwR5HEDYVdILJa"
    "hqMfa2SBl3UDVZTFmumAzQ9njG+MDAOUDfWNg0C51Hk5TP5zx60BTYgfPo0eHbN0u/UfhR"
    "5jJ68/n08jLrNyoL8WwkiyQptcjZOmEk4WZmGxv5mK3ItLDZ8vnd6COO0+kZbvMMg+SqyB"
    "nHSDRbXO4aAlBlod3MNeRr2Nd24rrWNSS2qhKuIddiiV9fvL990ejEO1fcfA/6HqlryVd6"
    "JRr1lJRePpAOxgFtRa3XnQ1RgWyCMJoQIVpxSHYbSq2grTKCbLcEKtRQZpxIjwOTGFPC0T"
    "efeTgodUhADzUWrZmdjVtsYAyo4PheLAbfAlcJ6kpysToMCi+GTTS8+wo7I9rf30di8QXD"
    "/DX477+RjX79eH59vvr5l78ik1oUKu24DNns3rZ9awS6ugl0O/Y5hzKNnIivwfXcnlTY2Q"
    "u0ahVVkBT3xqBoeyDcEEuzJMVIsWIN1k0AlJhNI/ikJTQDydfqLCTbkYVE6+e0fm77GJE4"
    "qOldqOoKzuxe3VvB9ftXJ7Z4RVEpTas1Hq2Wl4DvUDuZI4rOBJc/w9ncJoO3dMkv5vk34P"
    "WrsvjFE6MrVbTiuC1mIImFqaly7i4JOnjgHh1WMduIViVMY8ZsIwET2zS3sEn/nbcprwE7"
    "Rds5z/VGUIfNS7VUSJyme+GnB/1KNsl+iU2yXwjzhuu7gLxz5uAmoDeo65h4MVBd5Wm6zo"
    "WlNlI8xMGu+8gEnzbD7kwF7gxh93aWw36/CuD9fjHgcE9XFlHn/GqsLCKAexAivhglT25c"
    "A3mcUpf7VUPdXbgesYRsb21SZzlNrdFXQN/hbELz0rKWBNqtSNpRcRyG7UzFcR3sVXzmdj"
    "erui5v1LVZz1FRZ+qzyEx9JptSe9M0f3Fi7b3VnqnOfuG6lNUPOdsCgw2SwRWQd09w7lfS"
    "VPRLNBX9vAK+4JG22WcWp9SfWNs+MQVjo64Wp1otDgrF1Zep61L01rk0XcnKPauCFU/EKl"
    "Yxo4tI1VqGEMz4HSv+0nz2tyVoZc4RGxQalEkClaoLytj89SUFi5rlOvlGWR118cBKDFgr"
    "3HZ18cDiCdpOhYcuHvjsnsM6WbBOFtyKiLC1yYJ1GcDOlQE8JeLPWSFHGd5ez0/iVcPWeN"
    "n+KEzgE4uPFbN3D4RHEm1VnWeMpIOOtY14CMGXpYBw2LyD6DaSbUaM6OUWFil2jYiR6ATE"
    "ik4QLxpI8sf/A+9j2fs="
)
