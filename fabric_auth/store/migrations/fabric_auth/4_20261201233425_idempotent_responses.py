"""fabric-auth migration 4: idempotent_responses.

Written by `fabric-auth db makemigration`; holds the SQL of every supported dialect.
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

SQL = {
    "sqlite": {
        "upgrade": 'ALTER TABLE "fabric_auth_idempotency_keys" ADD "fingerprint" '
        "VARCHAR(64);\n"
        'ALTER TABLE "fabric_auth_idempotency_keys" ADD "response_headers" '
        "JSON;\n"
        'ALTER TABLE "fabric_auth_idempotency_keys" ADD "response_status" INT;\n'
        'ALTER TABLE "fabric_auth_idempotency_keys" ADD "response_body" BLOB;',
        "downgrade": 'ALTER TABLE "fabric_auth_idempotency_keys" DROP COLUMN '
        '"fingerprint";\n'
        'ALTER TABLE "fabric_auth_idempotency_keys" DROP COLUMN '
        '"response_headers";\n'
        'ALTER TABLE "fabric_auth_idempotency_keys" DROP COLUMN '
        '"response_status";\n'
        'ALTER TABLE "fabric_auth_idempotency_keys" DROP COLUMN '
        '"response_body";',
    },
    "postgres": {
        "upgrade": 'ALTER TABLE "fabric_auth_idempotency_keys" ADD "fingerprint" '
        "VARCHAR(64);\n"
        'ALTER TABLE "fabric_auth_idempotency_keys" ADD "response_headers" '
        "JSONB;\n"
        'ALTER TABLE "fabric_auth_idempotency_keys" ADD "response_status" '
        "INT;\n"
        'ALTER TABLE "fabric_auth_idempotency_keys" ADD "response_body" '
        "BYTEA;",
        "downgrade": 'ALTER TABLE "fabric_auth_idempotency_keys" DROP COLUMN '
        '"fingerprint";\n'
        'ALTER TABLE "fabric_auth_idempotency_keys" DROP COLUMN '
        '"response_headers";\n'
        'ALTER TABLE "fabric_auth_idempotency_keys" DROP COLUMN '
        '"response_status";\n'
        'ALTER TABLE "fabric_auth_idempotency_keys" DROP COLUMN '
        '"response_body";',
    },
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.schema_generator.DIALECT]["upgrade"]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.schema_generator.DIALECT]["downgrade"]


MODELS_STATE = (
    "eJztXetz27i1/1cw/lL7XsUTP5TketvO2Fln48ZrZ2yn2+26I0EiJLEiCQYk7ajb/d8vDv"
    "gQ3yJo0qYYfEksEgcgfwCB8z6/78zwhOnTEfbcxf6prX8iq50T9PuOhU3C/8i7PUA72LZT"
    "N+GqiydGmmiEbX20JCtHkE0cl+Gpy9vMsOEQfkkjzpTptqtTCyhPLXT6+QJxAkRnCCPPIQ"
    "xRxv/ifzzoU4LwdEo9y91H15axQu6CoNuPp68Oh2+AAH4Cre4gx6WMaPswrEanfFzdmrcy"
    "wr11b51/42/FG1OLQKMxdDpG2NLQOOh1FPQ6FpSE935DH6EPvEJ45vJnYOSBTjEAgXYN3X"
    "GJhrBzb8HlJdH2RG9zih51dwFPofOnfrQIE2/oWfpXj4xcOif8FuPv+du/+GXd0sg34sDP"
    "33bgmUa6Bs2njGDe/wi7O7zZbzupZ8xpBb3Zy9FMJ4aWWB9+U3F95K5sce3Ll4sfP4iWAP"
    "5kNKWGZ1rr1vbKXVArau55urYPNHBvTvg7wbCxNWJ5hhEsrfCS/8L8gss8Er2ptr6gkRn2"
    "DFhpO3+eedZU4CpGgn+O/xo8WqzZaHR1fTe6Pb8bjXYyCxMeIbWSgktTasGi1i0XcP79D7"
    "/fNSDi6g4M8P7j6c3u0Zs9AQF13DkTNwVcO38IQuxin1TM2RplvuJGC+wssli/X2CWj3Wc"
    "JoU4f+B2sA5hagHYHRN/GxnEmvO95gS9OS4B+u+nNwLrN8cCa8q3HH9fugruHIpbAPkaYk"
    "13bAOvRjYjM/2bDNBZymbgDi+s8V5vms8O+MGbCoAfvCkEHG4lATew4x7L4BwR9BDeKsu5"
    "eDVnFrP4XwLasH0PkT18/boCtrxVIbriXhJfZ0qhlwzCf7u9vspHeE2RwljTpy76L4ITvy"
    "2sYyfgxNMNV7ecfRjvJQ5BQAh6Nh3nqxHHeffn03+kp+D95fVZ+rSEDs5S0xHjVDJT8iO/"
    "4+omyZ+WJGV6agLS/fCPLfwYSqbi7uLn89u7058/J+bjx9O7c7hzKK6uUld30zt81An65e"
    "LuI4Kf6J/XV+fpaYva3f1zB56JywZ0ZNHHEdbimISXw0uJaSbfbJ13V2Oak5Rqmjs9zeE3"
    "OVn5UyRxjuWQ1jrSAsa2K7ObPNGODiscaEeHhecZ3MrfPzlscvJchvAJol3HMH+KILdG1s"
    "aMcIEaZDE5ZDOErSL7nIJcM8CCMDDynFqHfpq2gfNgexbv1h0H69nSbVlxMU73fLLNTlt8"
    "dds6kEDXWOOTSlKqD6rLH1Q4V5OVzOeUpOofV3VQSU9wUKInOMjqCRixDTwtwLr48E+RKa"
    "YqpX3JNVdUBTefWmGcxDhmLaoKbIxEofnHH2Aymy1zzTmAVBbZD5QRfW59IiuB7wV/DmxN"
    "84TYuFH2S9DXVsK6vrp+RIYfIztjfE3x99eIQVz/nDq9fX/64/lO2b7QFMK3fren6177iX"
    "X+xpgPOyzuCZ4uHzHTRolVDnfoIU1didpmb5mHZvoKtvBc4AQvBI+f8ELwNN3lfIpu7RQ6"
    "KqybDOScFYBwNI0oN/or3C0Icjj4BkGMPqJdXUMHe4g8ELZCojPERyeWhgw6XTpopjPHPU"
    "H8Mgdbx4b+H+IELfj/U0YdYSJIOCw0P8S9pQcr3xFeBYyYxJwQ5gjvBvH2f3IQdMnvDgL3"
    "BIxsj805BI8Lwgj0z/lLNCFzsCbsDKr4IEg5EVxYroQPgV7pw+yYRXsOj/Dq8OD47fG7oz"
    "fH73gT8ZjRlbclp8/F1d0GpwEhADvkaxbbM31eCG+cqhmQq2x/r9vF+P8OD4+O3h6+Pnrz"
    "bnj89u3w3esI7OytMtTPLn4C4BMSQDgTKeRl/TUSREpZsVFZwfevBWXyCzxJp5Z4vSUeoC"
    "i7yFNkapnnLvOM6PDS7Nb5AxFsYwm75Tepw24RoKzoH3ptcWaITD2muyskCDlDwn+4xEK6"
    "JfgXhz8hP8ex5WDf5wFHfI01F4wLI1PKNCfrG9po7+AXKnw8Z5SZnH2CNe8zV2jXISTyDH"
    "X2BQzjvRM0hjZjNKUPwIz5LB4FZgr5XxDwY/fW2GbkQXxC44EYOyALvFOBScQudP8VvUIH"
    "vI1DEeEj8JccAK9HH/hf4PLKCH9QAi/PH4+T3VsTRvAyxgZCR+6C/8PvtsHkle3TVfm8gG"
    "XrOpv3LPtzMTMofUw2ej5+NxOwBpxO+T7CahlTUqTP467SERPw1llT/GNAigeKKNpif/rk"
    "l009d0rlvFljJD10aG3eE5svSM6Ty/paJan6ZxBs3s3KRyyPD9qEci4v1BTGfdotXMw4Zy"
    "q9llNkajFvXswBZHKrOUGklvPG5azbwIpwbiUn1qAY5SSV0rFshFlYGfGc5NkMi2FOUvUO"
    "5uFBlT2DtyoEWtxLO8Tw93Rkt40kVe+QPjh8V4WlO3xXzNPBvVQ8I3GxbkjFKMVIuhGkBM"
    "P2Jkgp0trJrPwEUQ+Fmeb3clmEFbhbZIz4QLDrMbJTZIkI7w+kzBAzn6qiCeKWmsRdgNLc"
    "NrDloDnDlnuCMOKXCYOsDSa4z6DdMdZHwfrhpM54z08zMcU2nugGmBh2x45Dx3tZQ0RLYz"
    "xBez+lmlwkVtBeZR4o2LGKVfXdD95+Jr6oldBt/qJyXH7QvnfoNn/0qjDsYuj5C2qQTyjY"
    "u7bEAhJssxkDiARPENPkPxDGdC0vb8JZQPrh0w0xcIF5JH7QX+qm7l4HHW7heijyyU1KDP"
    "zsHxnwpk1A9pn3JmDrE1ytc5wXGjFt6hJruipLjZZqJsd/6mtiiVRp4BcsnH1RYO/y85l9"
    "9ajLGUCOlGeKtsghnFMUacOwhWJjQR6zgXAAhi8Tfby7+wyeHxlmtK2BILeZY3N6IhxO/C"
    "ECVQ+aU/cH8EohLltFOc987xtIv8YZWAecbWCmEXgz8+0VHst/HP7g99YueLh4lgVctO8X"
    "47lkD+E5Xz/76Ir35NgQZIUmK+R4k3+TqSueMZAGihjm33aCxqMl/xigUfg70Gn55KOQAe"
    "ZP66dPUz4y3XDRKPGRSU1sVRYxTddDVULz9qPUV1M1eC9B1WQiwW6ccE+M2ktvPlVXcJqu"
    "hyu4eXFnSaQCqIPmPYS2nRRrLodDahcOCXqIcPM+PyLEryDEt4zjSNLV8g7tmqPEy8RPmP"
    "khqqWRKxGNilqpGZgVyr8S8XAhiVrrdVFnxORPAM8lhXyCTKFfH32HC8u1cvrECFVKny47"
    "oc/4ixJmM13OgylF1j+3xzZSZPkqqxGwm16OXrZkO8tQ9mhTe2IUew7AC4I1wqQcmPJon+"
    "TJ1DGsn9tlKcJzQrUcWfdMtzBbbZiKkDQ1D5OV6xuCejMDZwGo0QzwCTi7uDq9+TWagujQ"
    "uLy++uksZxLOfr07P1VW1e/xCN+u5NYqWrD6LHfJgS5pNy+yZmas6xLGTCEvjxK2/gpln5"
    "Agg1B5UUMpxx7nx6E/6pbjWxF11xHOcX9yICURX8xwEex8cDGn7FMbI9Q3DyqTYJeEZWUS"
    "rDYlyiTYEe5GJlG6Unk+2z4Sc90iTKdSO8aaon9qmBbMV0oo+k5cTfPcG+SiB5NUPTyJW4"
    "rzyeCeBb1eQt1YlM6W4V7khzpIpdJNLrnOpdC91K3lHV2S4gy66xYDSenPWnJ5iBNWlvz8"
    "3LavPHADBUJkYt0QxW8RRtDfCbKx4zxSBplqHeIOEBgGDcTFMX2m+yVzBwiy6jyIv/OEv+"
    "YHgfRuokAwiIlhgeB1VWD0PvREBTdVfh2ETr5uIA8btbCBxl8+w5aK9vf30S8fz2/OUVCR"
    "Bl3c3ltXXy4v/cxtOHhg/mhL6GVK0II+ClmUT/IqdJjloio8t+XCcCJrW+Ata1KTX61TJd"
    "j2GN+/SUnxX/Fk0jGtSSoVIFZgcyoWSsOJkeEu1yQ9PACbF0XFxy8DcETQS3ir+PfxViUA"
    "Z/z7wu12VNN2XUTfQ/xVpF43tC5dEpd6aFNS01xzmmuWQVQVELdnfl+mFtMWfbRbVYypo7"
    "g+vRrTS+o06Fy37haMuq5RYtlOtBrI6TaAduQGxBX1Gx98PYPD19IrsCyL8FMIpbUICgot"
    "QcqWGaOmryIwdBDig/x9ftQsaBiguE9WsdFo76DROBc558Nk9qAcydFZjNMJ7IGceu54T2"
    "gsxLCg+OCfzMpB5BsH6N56XAiti7VC2HWJafNRMWP6AwFtBag1Bgiy6fP7lgfFiCCaNypT"
    "VGJtn1Jbxdl20RhWYlQP56yyNT0k6KFw17xtTMUlBtAeV4pLPC6JSzzOxiWGu1cW4uK4rR"
    "hJbyK3GnP4nvEzLMy+VhHQOIkCNBPk5p/GMoDGSRSgeYByURm4mhydcLmQnaZVknaXJW1R"
    "gy/YrmtoVHLIleqscxPeJX9sSMq1UySsipsDKRlVpAutanmHMTU08SzNEDmdQj9oP+UY2h"
    "3PGCHjARrbLDdLaa0eGq4gVqwCa177tVl0iyWxFiPBP8cvkcF6o4NosXSmMr22ZnZTmV3b"
    "zBijO9FjZzA+o9Qg2CrYKRKE6UBFTtkW2tGVZ45UvL6+TBzQZxcpHc7Vl5/Pzm92DwT8vJ"
    "HuJlQ7CcyFT1TOst4E+ZruGREPd5OtBVxZ7ou3mP46Pnu2VnPWk5Rq1rsy6znSSZTQVjqz"
    "ssoRXDWlsuNNos6bAOw21l+fMHsWwddfaWXSb7QWJUXgWNbszYLwR/qITG+68NMahyIsFm"
    "G+fuUNB9mEIT9C64fwDiQlpp7rl85GBofGL5wdzx+cEJdbHCfXNGoH6gMVcrxV1lEVsPl8"
    "s/CCAZv1xHOTWv7Wt42GaRW+90x6JnEEymlLYyTKYbDcYTA6VxtwGAxV/NuJ60aHwdiqyn"
    "cYzNkemoJWRZm+sEfmZ0anxHGIdv5ArBI+P9lMktkPiUcEqKuavixEvrmEgU+joEO7nNnG"
    "K1MUMCGTBaXLPYQNUC2s0AKDeUsLojEZ4Sjrwk0Soj2Xum0TLcc21soQ+S6Q1GP+1yAGgu"
    "WgWP0OMZkljpDRzFX2hIwoFCNUgRGKPggJiOM0PQT5cDisYnobDotNb3AvXds43IblNdRp"
    "2h7qqLdXJ909j5kbMuNvsyhPX5FoJMdRMJ9UKonFtQXBEo5HIHmEIPeTNgzQktguJJkIE0"
    "RQy1gN+E0004PQC4evfV1EPmjIsSlUQPOcHO1hS2M8wR1HZX94kewP63LPWdgL+bYk0fO5"
    "+LbPwjXm5ass6709vxIWQH8vlE0ymaBSGrJyDVmAVlOanNt1d9uJ7kZNTnJ5dU6Tc0MeqJ"
    "8Cq4TjiprI8lshYfWMYQE7QxnkzGLocUEdEe/Kr/tMkYNMz3EhF5ctEmdBNOqEzKhI8kxW"
    "yE9vkZsorKm+IZr2BqrSTlagAAJdTrDa0S4GcsxE9ulBZOC9IZruDKC9TQ2Dd7vHSTgbBx"
    "ycbr0yiUl5Lw5xed839BHiZwk8pAGPJhKDjddpO8ZoF4zEEJEQpACLMokFXOT6mdF6Du6t"
    "KfUMziW6umHwJugBG7q2hzi/JhKkgY4KuEgY2vYYXzLQQWE2bKWG2go1VJBBWQApwcqn6X"
    "qoLWneCKqSXLeQ5Bo2sGUt3j1JqXj3TvPu25XPStVI2VINIy1JICNuSnK4tHK2mDCijjN5"
    "4CVoE2bqPj8a+AfujoErdU6gfhnE1TFiU+Y6J/9TFp9XuzcVq9eJc66Yc3vZgLIeql3X0M"
    "YfSwLhFFnvIveGlSL3hiWRe8Ns5N56Z5Iq95gie1Klx3qYr7eQiacbLpfw92G8l9hFWikA"
    "qTuj4MVy5PMN8X0xQhVSqSL8vuNYLxXh9z3OeqMRfkGqxVGQ1FHU2Wgkfs3v99TvNhRutm"
    "yBVIr8E7lLm4IN8rz2DazW5erkWtspkrBTzQZSsnbqO6ksdpt4utAtgqCMwFS3sXGCFpS/"
    "GRLCO2cilxCpB2toILKtgkVGONoI640w0Zx+vkBLsnLy5PCmu1eCeccFc8fw5lKmlKC9Es"
    "w3CubdT6LzfL68baTRUYqPfEvg60pgQ7Nia+DrLNz0kUMycgk2ZdBOUvWvYmgrKzuUjyc5"
    "+ZGLj8Ak1ROOwo4B3ozlVSWAUuqhrqzoLVUUKPXQ9zjrReqhJCsWFBytNfNZapV8ujuTLe"
    "33ECtBYOsjUAU0oMg6tfVPfv2HrZz3cpUfKFeUprSLyr9SF5t8pOsrAeUccALiqHwS6OnA"
    "xRsLXV2+y/hGivy4/eRjQjsgUMH72+E1LXyoah3MSUrFknXllK7CiIszRU6HHiNRjttpb/"
    "jUVi0blZdHrUDeFJ2XOXeaidJL2+22E+wKwXp5q25zfisWcDJNgN0z/jMNcWzL7FwwZBiN"
    "Wsy+RtGqUjzr2pGxEpvql/w8EWU9g4QQr/z4vhk2dcgAAZ6IEJ9HRcSeH+PHR4YAQzAog7"
    "U5l51trufNZurf4jVlY7E4/1L265e1X+O8Khol9mucWzyjD0bW5i3YW5XBY1uK9DHq1tST"
    "JimVjrRrOlJl/fruplkUUvTq5ZNL06qp7vRUb1dMr5rmmtPcoQh9dTy3Psv8rHXk3AezlP"
    "1zamtekhDCM56TPC1eMdZJqt55ag4PDquEqB4cFoeowr2Un5sN3wH/VHJsycVIJ6l6h3RL"
    "C1pOxRMjUZr/cs0/QNWUBvpL0Nd24rpRAx1bVbIa6PhxmM4l/EQnlHRe456A/wzuJ3yB8y"
    "cDX6dCvf26yUBOde8TRi5ZlepPYGdlmoTDNQ2SCwYq9qAzCPXaR3cLyLI3MXijBTZmUA1C"
    "/HQWRIMIMcjd97dfPt3+AH9lVfltjHJv2Uz4FEZtHZfvHxoi1pStbDALiJA1DH0jjfDG/N"
    "KMURONP5ye3Vy8H51+ufvIl9L7G76aPp3/On5qRNtSLr//ssnU/j2MtCo2CmBjThmfXKlI"
    "lQRRD80DzWcI9L/F0b8fl1mcS5KhJKiePxfKy/BCrWQ9CXY42NBH0baWnYs78q3AVlPYQS"
    "/Wf5nC4vwfd+XTEekrLq+vfgqbp+dIRbx8h7qjMFihjio4TaumutNTzfgksJrK4DilUgZ3"
    "bZYl4lnal/nitdkLpb5UAXcZuS9dS76K35ZIKk9ZJmgAqvOIet/7iEugRKSN3w2zPi91yB"
    "O/zgG9N0AWdaEJzkp9jQ9xb818DRGIdJCfBFLNBy0hd8kDASnR9JPJY0v4jQnAKvuAxR8C"
    "aGLZrpUj2As7gqWmprJDWIquF5xvUvI7qmJmOCq2MhxljAwqN3wbIQYudj0pq82aooertn"
    "l9hZ/HAYRdKb1QgqoRY2+HlHEHVZPFlOWKyQBtTReUjTScA/StiQ2j0Hk0Sfl8zqMHbYHt"
    "O48eHb59E/mNwo8yl9Hbn08vL7N+o6IQTy1ZJEmpRM7OCSMJNzNLq+VjtiZTwmbH57fWRx"
    "ynUzPc5RkGyVWSM46RKLa43DUEoMpCW8815HPQ13biutE1JLaqEq4hN3yJ31y8v3vR6MQv"
    "Dr/5HvQ9QteSr/RKNBpIKb08IB1NfdqKWq8vFkQF0hnCaEa4aMUg2W0gtYK2SvOz3RKoUK"
    "NT7UR4HBhEmxOGvnrUxX6pQwJ6qClvTa1s3GILY0AFx/d8MXgmuErojiDnq0PT4cWwgcZf"
    "PsPOiPb39xFffP4wf/H/+19koV8+nt+cr3/++S/I0E0dKu04FFn03rI8cwK6uhl0O/UYgz"
    "KNjPCvwXGdgVDYWSu0bhVWkOT3pqBoeyBM40uzJMVIsWIN1o0PFJ9Nzf+kBTQjwdeqLCTb"
    "kYVE6eeUfm77GJE4qOldqOoKzuxe/VvBzftXJ7Z4SVEpTas0Hp2Wl4DvkDuZQ4reBJc/w9"
    "ncJYO3cMkv5vlr8PpVWfziiVGVKjpx3BYzkMTEuiFz7kYEPTxwjw6rmG14qxKmMWO2EYDx"
    "bZqZ2ND/k7cpbwA7Rds7z/VWUIfNS7ZUSJymf+GnB8NKNslhiU1yWAhzzfVdQN47c3Ab0G"
    "u6Yxt4NZJd5Wm63oWltlI8xMaO80g5n7bAzkIG7gxh/3aWw+GwCuDDYTHgcE9VFpHn/Bqs"
    "LMKBe+AiPh8lT27cAHmcUpX7lUPdWTkuMblsb9aps5ymVuhLoG8zOtPz0rKWBNqtSbpRcR"
    "yG7U3FcRXsVXzm9jeruipv1LdZz1FRZ+qziEx9Bp3rVt00f3Fi5b3VnanOfuGqlNV3Odsc"
    "gxrJ4ArI+yc4DytpKoYlmophXgFf8Eir95nFKdUn1rVPTMLYqKrFyVaLg0JxzWXquuS99S"
    "5NV7Jyz7pgxROxilXM6CNSjZYhBDN+z4q/tJ/9LQKtzDmiRqFBkSRQqrqgiM3fXFKwqFmu"
    "k2+Y1VEVD6zEgHXCbVcVDyyeoO1UeKjigc/uOaySBatkwZ2ICNuYLFiVAexdGcBTwv9cFH"
    "KUwe3N/CReN+yMl+33wgQ+sfhYMXv3QFgo0VbVecZIeuhY24qHEHxZEggHzXuIbivZZviI"
    "bm5hkWLXiBiJSkAs6QTxooEkf/w/dmPVfA=="
)
