"""fabric-auth migration 11: user_search.

Written by hand: trigram indexes serving the users search (`UserAdminService.search`, `q` of
`GET /users` and the dashboard's users page), whose `UPPER(CAST(col AS VARCHAR)) LIKE '%...%'`
no b-tree index can answer. PostgreSQL only: `pg_trgm` is a trusted extension (PostgreSQL 13 and
later), so the database's owner may create it. SQLite has nothing to do. The models do not
change: the state below is migration 10's.
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

SQL = {
    # Nothing to change: a statement all the same, as aerich refuses an empty migration.
    "sqlite": {"upgrade": "SELECT 1;", "downgrade": "SELECT 1;"},
    "postgres": {
        "upgrade": (
            "CREATE EXTENSION IF NOT EXISTS pg_trgm;\n"
            'CREATE INDEX IF NOT EXISTS "idx_fabric_auth_users_search_email" ON "fabric_auth_users"'
            ' USING gin (UPPER(CAST("email_normalized" AS VARCHAR)) gin_trgm_ops);\n'
            'CREATE INDEX IF NOT EXISTS "idx_fabric_auth_users_search_name" ON "fabric_auth_users"'
            ' USING gin (UPPER(CAST("display_name" AS VARCHAR)) gin_trgm_ops);\n'
            'CREATE INDEX IF NOT EXISTS "idx_fabric_auth_users_search_username" ON'
            ' "fabric_auth_users" USING gin (UPPER(CAST("username_normalized" AS VARCHAR))'
            " gin_trgm_ops);"
        ),
        "downgrade": (
            'DROP INDEX IF EXISTS "idx_fabric_auth_users_search_email";\n'
            'DROP INDEX IF EXISTS "idx_fabric_auth_users_search_name";\n'
            'DROP INDEX IF EXISTS "idx_fabric_auth_users_search_username";'
        ),
    },
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.schema_generator.DIALECT]["upgrade"]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.schema_generator.DIALECT]["downgrade"]


MODELS_STATE = (
    "eJztXet32zaW/1dw/GXsXcUbO3aSdWf2HDt1GjeunWM723biORIkQhJGFMDwYUfT6f8+uO"
    "BDfIuQSZli8KWNSVyQ+uESuO/7x84YD2066mPPne6fWvQjWeycoD92GJ4T8Y+82z20gy0r"
    "dROuunhopon62KL9GVk4kmzouDYeuWLMGJsOEZcM4oxsarmUM6A8Zej00wUSBIiPEUaeQ2"
    "zEbfEv8Y8HOiIIj0bcY+4+umbmArlTgm4/nL44PH4NBPAn0FIHOS63ibEPjzX4SDyXskkj"
    "T7hn9+z8m/hVYjBnBAYNYNIBwsxAg2DWfjDrQFISMfsNf4Q58ALhsSvewSYPfIQBCLRrUs"
    "clBsLOPYPLM2LsydkmHD1SdwpvQcVbPzJiy1/oMfrVI32XT4i4ZYvf+eUf4jJlBvlGHPjz"
    "yw68U58aMHxkEyzm72N3Rwz7spN6x5xRMJs1648pMY0Ef/hD5fW+u7Dktc+fL358L0cC+M"
    "P+iJvenC1HWwt3ylk03POosQ80cG9CxG+Cx8Z4hHmmGbBWeMn/weKCa3sk+qXG8oJBxtgz"
    "gdN2/jr22EjiKp8E/zn6v+DVYsP6/avru/7t+V2/v5NhTHiFFCcFl0acAVNT5gLOf/zpz7"
    "sERF7dgQe8+3B6s/vq9Z6EgDvuxJY3JVw7f0pC7GKfVK7ZEmXBcf0pdqZZrN9NsZ2PdZwm"
    "hbh44WawDmFqANidOf7WNwmbiL3mBL0+KgH6/09vJNavjyTWXGw5/r50Fdw5lLcA8iXEBn"
    "UsEy/6lk3G9JsK0FnKeuAOLyzxXm6aGwf84HUFwA9eFwIOt5KAm9hxj1Rwjgg6CG8Vdi7m"
    "5gwzy/8rQBuO7yCyhy9fVsBWjCpEV95L4uuMOMySQfjn2+urfISXFCmMDTpy0b8RnPhNYR"
    "07AYceNV3KnH143nMcgoAQzDx3nK9mHOfdX05/Sy/Bu8vrs/RpCROcpZYjJqlkluRHccel"
    "c5K/LEnK9NIEpPvhP7bwYyhZiruLX85v705/+ZRYjx9P787hzqG8ukhd3U3v8NEk6NeLuw"
    "8I/kR/v746Ty9bNO7u7zvwTkI34H3GH/vYiGMSXg4vJZaZfLOomG6NZU5S6mVu9TKH3+Rw"
    "4S+RwjmWQ7rWkRYItm1Z3eSJ9uqwwoH26rDwPINb+fungE1Nn8sQPkG1axnmT1Hklsha2C"
    "ZCoQZdTA3ZDGGjyG5SkasHWFAG+p6z1qGfpq3hPNge5t2642C5WtRSVRfjdJvTbXaakqub"
    "toEEtsY1Pqkkpf6g2vxBhWs1XKh8Tkmq7klVB5XsBAcldoKDrJ3AJpaJRwVYFx/+KTItVK"
    "WsL7nuiqrg5lNrjJMYx7xFVYGNkWg0//wTXGbjWa47B5DKIvue24RO2EeykPheiPfAbJSn"
    "xMadsp+DubYS1uXV5Sva+DHyM8Z5Svx+g5jE9c+p09t3pz+e75TtC3UhfOtPe7qctZtY52"
    "+M+bADcw/xaPaIbaOf4HK4ww956ko0NntrfjhPX8EMTyRO8IPg9RNRCJ5BXSGnULZTGKiw"
    "HNJTC1YAwv4oolwZr3A3JcgR4JsE2fwR7VIDHewh8kDsBZKTIfF0wgxk8tHMQWNqO+4JEp"
    "cF2BSb9F/ECUaI/49s7kgXQSJgof5H3DMacL4jowpsMifzIbEdGd0gf/1fHARTiru9IDwB"
    "I8uzJwKCxymxCcwv5Es0JBPwJuz0qsQgKAURXDBXIYaAVvowW+bRnsArvDg8OHpz9PbV66"
    "O3Yoh8zejKm5LT5+LqbkXQgFSAHfI1i+0ZnRTCG6eqB+Qq29/LZjH+38PDV6/eHL589frt"
    "8dGbN8dvX0ZgZ2+VoX528RMAn9AAwpVIIa8ar5Eg0saKlcYKsX9Nua3O4Ek6zeLrsXiAoi"
    "qTp8g0m+eyeUZ1eG5x6/yBSLGxRNzyh6wjbhGgrBgfes2EMERGnk3dBZKEQiARf7iEIcqk"
    "/OKINxTnOGYO9mMecCTXsIkUXGwy4rbhZGNDa50d4kJljOeY23MhPgHP+8IV2nUIiSJDnX"
    "0Jw2DvBA1gzACN+AMIY76Ix0GYQv4XBPLYPRtYNnmQn9CgJ58dkAXRqSAkYhem/4peoAMx"
    "xuGIiCeIH9kDWY8/iH9ByKtNxIsS+PHi9QTZPRvaBM9iYiBM5E7Ff8TdyoGmPjCSw0cCSz"
    "syC3PPHXHBPmrRpGV7eVVZMBDr2i4KbmQPLxYYlY/SWs/Q72YBloCnvg8Vh0uKdDMhLS1x"
    "E2+dx2W5I1aWkyKKpkSkLsVuhweLAsAxkg4GvdYfrS0YUsjtqvFYSaruOQ3rD8XyEcuTg1"
    "ahnCsL1YVxl3YLF9tCelXm5RSZZubVzBxApsbNCSLNzivZmVogighpJScfoRjlJJW2w6yE"
    "WXoi8YTk+RWLYU5SdQ7m44Mqe4YYVQi0vJcOmhG/01HdNpJUnUP64PBtFZHu8G2xTAf3Uj"
    "mPxMXUVMpjipG0I5EJHtuZRKbIsqfC+QmiDioz9e/lqghrcLfIYfFOWuJ3ipwVwe2ekqPC"
    "t+4r+CgCd4C0nfsW/GXIxdxzZMwGFJfg6HEqbexkgWaEWOBmmJM5txcncbfCmOSVsmjqQe"
    "C5+FXV7YEZ45587C6O1bLoSdeCKWCyTMwQt++ZQydM/IIXUEbDp9/7IXB2hO8uJsCGE7oz"
    "nCAEBf4EL7n0bQyQH/liUmLcs92lNyVYq8FeUGID28QPXTGCaQbBiP2b87vzq7uL66vBUw"
    "NYmrOca89FFc+Fyy06UlIyQ4IObun16/EWXpgc54jjd+RbAYPHSDoBcZk74vy3u3JJMPJG"
    "XF5f/RQOT4uH25zSrh1D1R1DbZKV3gtW8exiYSm8ryYtjX2qiuLSLZ+L8xaCEEBCcNBESB"
    "nuiRAbxGViw6k9h3BktDvAtB+wqiAVB7xftmuELTykJoRsCCnA4eLgz0hKDT3jCRLDiBtq"
    "me3BeF3JqUC7KxYO2l8MZ0M2pEZK4YgfqmYRDcZ3Dt36zRTbJQNsVuIFBRHqMwZ715YIBc"
    "E2+xSZIBb1IFRmmxp5dajOAtL3H2+IiQtCSeIH/SWdU/c6mHAL+aEoxympxoizv2/CL60D"
    "sk9iNglbl+BqXOK8MMjc4i5ho0VZqdnUMDX5ky6JFUrPQp6VTJ5CQWyQXx/2q8ddIQAKpL"
    "y5HIscIiRFWYYVMxR7FtSF7cmEKvgy0Ye7u09gssoIo009CGrFOpagJ9JS5j8icIuhCXd/"
    "AFMcce1FVEPWN+uBHU4IsA4Y1GClpRVObK/wWv7riBe/Z7sQMewxMN0FhjnPJXsITwT/7K"
    "MrMZNjQdI6Gi6Q4w3/SUaufMdAGygSmL/sBIP7M/ExwKDw78D/55P3QwFYvK0fQLxuYpmO"
    "J96UVS69sFVFxDRdJwxITdvoUl9NAuqSYggJqjoLM7fjhMuDV6EKQnrzqcrBaboOcnD96s"
    "6MKBWkCYZ3ENpmSta6Ag6lXTgk6CDC9cdHy5IJBSVTyiSOJN1amTRtCyp9nnzUeX7Jj9JM"
    "4IhGZwGvmege6r/VQY9INK+vi7pN5uIN4L2UkE+QafTXR98RyvJaNRJjhLpEYtv8sgm5X/"
    "xQYls2VYv2TpF1L0WkiZKjvsmqD+Kml2OXLdnOMpQd2tSeWBUoB+ApwQaxlYK982ifFPXd"
    "Mqw3Hd4d4TnkRo6ue0YZthcrliIkTa3DcOH6jqDOrMBZAGq0AmIBzi6uTm9+z4+rOstZhL"
    "Pf785PtVf1ezzCt6tZiA6g284AuqTfvMibmfGuKzgzpb7cT/j6K7TRRJIMSg/JnpQ5/jg/"
    "ZeCRMsf3IlLXkcFxf3F6MlUAAvKlnw8u5rTRbOIJ67sHtUuwTcqydglWWxLtEmyJdKPSeE"
    "abPDe2j8RCt4hNudKOsaTonhmmAfeVVoq+k1DTvPAGtUoLSaoOnsQN5URncM+Cvl6DgliW"
    "zpbhXhSH2ku1JkiyXOtaElxSNrvjM1LckWA5oqeo/bGZ0IcEYWXNz+8V8MKDMFAgRHNMTU"
    "hxchBGMN8JsrDjPHIbKv87xO0hcAyaSKhjdEyjtO2RSx/kv/OUv/ofAknnsMtKNfH2w+mL"
    "w+PXiDrIccU3Yeyjd2EkKoSpiuugdAq+gbq2nGETDT5/gi0V7e/vo18/nN+co6DDH7q4vW"
    "dXny8v/Uq4OHhh8WozmGVE0JQ/Sl1ULPIiDJgVqiq8N3Nlmrm7jJad87m4WrkYbrwpjmeL"
    "/bus/K18M+X6H0kqnSBW4HMqVkrDhVGRLpckHTwA61dF5cevAnBE0El4q8T3iVElAGfi+8"
    "Lttr+m77qIvoP41+/FHkKVEqLeDiFN1z1VVWdFtsPC1SbVtIP+O73May7zmi28dffu7Vnf"
    "5+kjukUf7VY1Em0prk/vJPqc9iM+oexuanPXNUuiCBKjemp2JKDtuwFxRVvSe9+mA/X6Xo"
    "AXX6b6QtoyIyhoEgrlccY2n/vmGJOCwSSoK+1nKIM1BxpTZo1Itc4O1qNzWUIwrEgIhqgc"
    "+9Ag3XwJyLnnDvakdUg+FoxM4pNZOIh8EwDds8eptHCxBcKuS+aWC1UFbfpAwDIEJqQegp"
    "KI4j7zoJEmZE5HZRhLIhtG3NI5zW10PJYEMIRrVjlyISTooCJdvx9S54AG0B5VygE9KskB"
    "PcrmgIa7Vxbi4hy5GElnsuRqC64fizMsrHRXEdA4iQY0k1Don8YqgMZJNKB5gApVGaSaHP"
    "t7uZKdptWadps1bdk/Otiu17Co5JBr01nrFrxNse/Xp+K/p76mtlOktCYG9ZR0Vu73CPZp"
    "q4Y/yEJZYsNyQVeDulnyBdD/oGuLsIsfIYyAQZy6ZfMHMdLuyWgFoYe6EBoARoKTUCVFY8"
    "GkTm4Jr2Yec8/gBtTP2h2EhIOe0FX9iFxQUZkMVBAjpH+0WLUMyWFAQJ7RMJPBCSGBWnPe"
    "Yite/Qa81dpnrD+MfBL85+g5msOsjCcuCUaIrVxl322MpoO6UGOR8Up6/JKkgxAfHh9XKT"
    "l0fFxccgjuPWvQR8tkyw3EfEi8+n5IHckzC3JuEsxKwE4Qp1OKBXVTjB1d2XBO8fX1ZUK8"
    "O7tI92L4/MvZ+c3ugVwGMYi6CcOgDkP4DoTsjFYFklqfsnW1qiS51qLbvN5C3SCO44dc9x"
    "2Czbx9tbjtTQF5F86zslVuogOOTcZiXadrL0URvV4L9bXwMVw/JCuPXu+Dbd4HddyOjtvR"
    "cTtVLKDvTfkJlZg/5YjeGrbPsSBUyPvyzYmCaWwXUrFchCP7o4yWYdwFYyN1puL2grgnUU"
    "9QNMKmKWv/M0IMp4dmxHKzVs/6n3HPIBCH2C8cMQME4LiZ0XO8QKZsduCH2ISBNfvoPfeY"
    "bDcA48OUMQi9cZ17NpD1iwc95LOMgWQQD8SNol0I2dnroaGkd7mkD0Lx/RcIfx90REhPf8"
    "8gsIjPqGx7OuWCW57cPhReVTl5IEml875S9pIKeV/a1Nq8qfVZU2PaDXYDuTHcIKFJT4mt"
    "M4QdhPvg8G2VcLXDt8XxanAviTjjgYRWFemIoIMIN1Ee1hAq48jtezZVQTlN10GwD18eVe"
    "FnGFbSJ+Iow9ERdC5fC3GfTANeGXBZ42ENfTtN9wSle3sMKQqVuoTgTyElQIWL4zQb7FAq"
    "fjtzLG67O5s5CXX9qFYw89ZZBbcrKVcX1d3OwELorLpTZFGTN3tKxjTZ872qGQ2eaaChxw"
    "xTNuYMi9n6fWPR7mBsEzArQYReXqv5tWZ4gu1IR+VtIipPtQFgvY3/OmiVi2nQeK6mQAfj"
    "O9dAvpG2f9SJXjuDcWl4WJJQh4YphIYJ6GRhuxy2XgX5km6DiIe7ydYCrrWP4i2mu9VrPc"
    "tYc9WTlHrV27LqOdqJfHsF5SRVqD0nkfQsoHv/8YaYsvZoDhOkNY7LsIT7ljFCUZRFOhsi"
    "mrwOwG5j83UJs40ovj6nlWm/ES8qqsD95RexWhH+wB/R3BtNQYHFkQqLZa8WNLExgwq5xE"
    "Z+mf0fwjuPVHCFB1EhtpjAFNDIzLZwgqy63OBz8hPjAvOB7huzVWVXdNeNza3CM3bdWE89"
    "n3Pmb33b6DnRPRg2ZGeSR6CatTRGoiOayyOao3O1hojm0MS/nbiujGiOcVV+RHPO9lAXtL"
    "pVyDOHjH+yOWSIEeP8gZSUzUgNUxT2Q+I+AerqpTPIN5fYUCxR0qFdIWzjBbS7QI9kOOV8"
    "toewCaaFBZpicG8ZQUsNm4SBE7Jlx4xaFjFyfGONPCK/tiL3bP9rkA8CdtCifouEzJIKi9"
    "HKVQ6Ejyi0IFRBEIo+CAWI4zQdBLmR8hfLbVjdQp2m7aCNentt0u2LmLnxc53Le5AlBqlJ"
    "FIlc6oryxDWDKsyOR6ADmCT3O2/5iV/QKSzKqWLmogd5WFAJS9Z0dgTvU5nvZSDH4q6YwX"
    "NyrIcNPeMJ4Ti6hdezpHIF4AQOhyTshXJbkmhztUObF+FqKx+qPeudPb8SHkB/L1TtFJ6g"
    "0haycgtZgFZdlpzb5XTbie5KS06SvVpnybkhD9zvY1oicUVDVOWtkLB6+n8gznBblhdFj1"
    "PuyEYa4rovFDlo7jmQ284t2f0U2lwMyVhwH7hOF8gP0c/t9lrX3NCm44ZgmbRPfFtOwO1o"
    "N0y7B4GsFzl4b4hBnR6Mt7hpimn3BIkQ40CCo+zFnMy5mMUhrpj7hj9CYw4CL2nCq8nuro"
    "Nl6sEA7YKTGIpyBX1co3awgRS5fGe0XIN7NuKeKaREl5qmGIIesEmNPSTkNdnlFmxUIEXC"
    "oy3PnkCZ1ylhTUR2azPUxsxQfr1PH0gFUT5N10FrSf1O0BA0RfkjQaXlj0wi7wOfrSW7Jy"
    "m17N5q2V3n5HV1lVtlYeQlnenkTUUJl1duQxdm1AkhD6IELWLPqS+PBvGBuwOQSp0Tkzou"
    "5NXZBFKpnZP/KsvPW3s2navXinOuWHJ73oSyDppd4yUVEoHdVRFOkXUuc++4UubecUnm3n"
    "E2c2+5M+XE5P98e31VGIEZJ0uf6nTkon8j2Nsaw3y5hQw9arpCw9+H5z3HLgIwJU74TDHc"
    "dN3b1HYDE6SL4VKnH/ywHP18RX5fjFCnVOoMv+8410tn+H2Pq15rhl/QwzlsEdaHgli15K"
    "/58wZdy0LlZssYpFLmn6weVhdsUIi6a2A1rlcneW2nSMNODesp6dqp76Sy2j3HoyllBFkC"
    "uxG1sHnilztGUnkXQuSMBM3serIyNHhkZKCN9N5IF83ppws0IwsnTw+ve3qtmLdcMXdMb6"
    "LkSgnGa8V8pWLe/iI6m4vlbaKMjjZ85HsCX1YCG4YVewNfZuHmjwKSvkvwXAXtJFUX+vxs"
    "gLND/XiYUye1+AhMUunKs7oAlDYPtfRw3E5DgTYPfY+rXmQeSopico9cc+Wz1LoPXXsWWz"
    "nuIda406J9MAXUYMg6tehHstjadS83+YFxRVtK22j8Kw2xyUd6fSOgWgBOQIwCYmmngxBv"
    "LG11+SHjKyny8/aTrwnjgEAn729H1LSMoVrrYE5SapGsLad0FUFcnilqNvQYiQ7cTkfDp7"
    "Zq1ay8PGoN8qrsvMy5U0+WXtpvt51gV0jWy+O61fWt7ECSqQPsjsmfaYhjW2brkiHDbNRi"
    "8TXKVlWSWZeBjAotkE8QZyQsCPHCz+8b4zmFChAQiUhk01/I2PNz/MSTIcEQHMrgbc4VZ+"
    "ubebWb+ku86XUsF0cMS9yK2S7/oV3bz+vaxnkNNkpc2zi3r0YX/K/1O7e3qrjHy6ZArrmy"
    "h83dNU2oSUptPm2b+VQ7xr67ZYaKBtAKdp2FTtPqpW71Um9Xuq9e5jWXuUXJ+/p4bnyVxV"
    "nrqEUWZim7F+9WvyYhlWc8IXkGvmKsk1SdC+I8Pjiskr16cFicvQr3UiFwFnwH4lPJcTMX"
    "I52k6hzSDTG0moknRqKdAuVOAYCqLuP052Cu7cR1pXE6xlWqxun4cZguM/zE+JR0yeOOgL"
    "+ByBTB4OLNIAyq0KS/HNJTs+r7hFG0VqXWFNhZzOdEwDUK6g4G1vdgMsgC20d3UyjANzTF"
    "oCk2x9AoQv7pTIkByWNQ1u/nXz/e/gD/ylr5m3jKPbNsGW4YjXVcsX8YiLCRvbDAYyCz2T"
    "DMjQwiBotLY5vP0eD96dnNxbv+6ee7D4KV3t0Ibvp4/vvgqcluM7XS/7M6q/53MAmr2CmA"
    "zQm3xeIqJbEkiDroHqi/eKD/Lfb/+TjL4lxSJyVBtfkyKc8jCzVSECXY4WBD70fbWnYt7s"
    "i3Al9N4QSd4P8yg8X5b3flyxHZKy6vr34Kh6fXSCfDfIe2ozCPYR1TcJpWL3Wrl9oWi2Cv"
    "aQyOU2pjcNtWWSHVpXmdL962vVDrS/V2V9H70m3mq4R0yXrz3M7kE0DjHtkKfB8JDZTIiv"
    "K7YUHoGYUS8svy0Hs9xLgLQ3BW66v9Efds7FuIQKWD0iVQhT4YCWVNHghoiXO/zjxmMqRM"
    "AlY5PCz+EkATK4StA8GeORAstTSVA8JSdJ2QfJOa36sqboZXxV6GVxkngy4b30T2gYtdT8"
    "lrs6ToINfWb6/wSzyAsqtkF0pQ1eLsbZEx7qBqHZmyMjIZoNloyu2+gXOAvp1j0ywMHk1S"
    "bi549KApsP3g0VeHb15HcaPwR1nI6O0vp5eX2bhR2aNnLV0kSalVztYpI4kwM2asFWO2JN"
    "PKZsvXd62POE6nV7jNKwyaq6JkHCPRYnF5aAhAlYV2vdCQT8Fc24nrytCQGFclQkNuBIvf"
    "XLy7e9bExc+OuPkO7D3S1pJv9EoM6ikZvTwg7Y982opWr88MEgb5GGE0JkK1sqEObqC1gr"
    "XK8AvhEmheQ7lxIiMOTGJMiI2+etzFfhdEAnaokRjNWTalsYFnQHPHd4IZvDmESlBHkgvu"
    "MCj8MGyiwedPsDOi/f19JJjPf8zf/P/9N2Lo1w/nN+fLP//6N2TSOYUmPA5HjN8z5s2HYK"
    "sbw7Qjz7ahg6NNxNfguE5PGuzYAi1Hhc0lxb0RGNoeiG0I1iypPlJsWAO+8YESq2n4n7SE"
    "pi/lWl2gZDsKlGj7nLbPbZ8gEgc1vQtV5eDM7tU9Dq4/vjqxxSuqSmlabfFotb4EcofayR"
    "xSdCa5fANnc5sc3jIkv1jmX0PWryriFy+MbmLRiuO2WIAkc0xNlXM3IujggfvqsIrbRowq"
    "ERozbhsJmNim7Tk26b/yNuUVYKdoOxe53gjqsHmpdhGJ03Qv/fTguJJP8rjEJ3lcCPOa/F"
    "1A3jl3cBPQG9SxTLzoq3J5mq5zaamN9BWxsOM8ciGnTbEzVYE7Q9i9neXw+LgK4MfHxYDD"
    "Pd10RF3yq7HpiADuQaj44il5euMKyOOUuhOwGurOwnHJXOj283VaMKepNfoK6Fs2H9O8iq"
    "0liXZLknY0I4fHdqYZuU72Kj5zu1twXXc+6tqq55ioM61bZKU+k08oW7fMX5xYR2+1Z6mz"
    "X7jucvVdrrbAYI1icAXk3VOcjytZKo5LLBXHeb19ISJtvc8sTqk/sbZ9YgrORt1ITrWRHP"
    "SQq69S16WYrXNluhItraWLOMgtrgOx61Px3+41lkkGkMUagDwRrlgHki4iVWtbR4h96Fgz"
    "neZL5kWglUWUrNG4UVZWVOrWKAsarG7RWDQsNzI6LIWZ24zxS7w3UVgJUq0SgY6Ahnu6Ra"
    "O2HekWjVsQhK3rLuu6y61IrltZd1k3W+xcs8VTIv45LZQzg9urpUy8HNiagOXvRQh8Yh+3"
    "YvHugdihnlvVfBwj6WCMciPBVvBlKSAcDO8guo0U7hFPdHN7tBRHmcRIdC1nxXiSZ83J+f"
    "M/hlHNAA=="
)
