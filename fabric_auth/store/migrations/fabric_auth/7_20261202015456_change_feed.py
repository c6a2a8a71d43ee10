"""fabric-auth migration 7: change_feed.

Written by `fabric-auth db makemigration`; holds the SQL of every supported dialect.
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

SQL = {
    "sqlite": {
        "upgrade": 'CREATE TABLE IF NOT EXISTS "fabric_auth_changes" (\n'
        '    "seq" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,\n'
        '    "topic" VARCHAR(32) NOT NULL,\n'
        '    "payload" TEXT NOT NULL,\n'
        '    "created_at" TIMESTAMP NOT NULL\n'
        ") /* One change that other instances must apply to what they keep in "
        "memory: the change feed. */;\n"
        'CREATE INDEX IF NOT EXISTS "idx_fabric_auth_created_897f5b" ON '
        '"fabric_auth_changes" ("created_at");',
        "downgrade": 'DROP TABLE IF EXISTS "fabric_auth_changes";',
    },
    "postgres": {
        "upgrade": 'CREATE TABLE IF NOT EXISTS "fabric_auth_changes" (\n'
        '    "seq" BIGSERIAL NOT NULL PRIMARY KEY,\n'
        '    "topic" VARCHAR(32) NOT NULL,\n'
        '    "payload" TEXT NOT NULL,\n'
        '    "created_at" TIMESTAMPTZ NOT NULL\n'
        ");\n"
        'CREATE INDEX IF NOT EXISTS "idx_fabric_auth_created_897f5b" ON '
        '"fabric_auth_changes" ("created_at");\n'
        'COMMENT ON TABLE "fabric_auth_changes" IS \'One change that other '
        "instances must apply to what they keep in memory: the change feed.';",
        "downgrade": 'DROP TABLE IF EXISTS "fabric_auth_changes";',
    },
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.schema_generator.DIALECT]["upgrade"]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.schema_generator.DIALECT]["downgrade"]


MODELS_STATE = (
    "eJztXVtz2ziW/isov4y9q7jii5Kse2ar7LTT8SSxU7az3T3xlASJkIQRSTAEaUfT0/99cU"
    "BS4l2ETNoUg5fEInEA8gMInPv5Y2eCRy4dD7DvzfZPHfqBLHZO0B87NraI+CPvdg/tYMdJ"
    "3YSrHh6ZaaIBduhgThZcko245+KxJ9pMsMmJuGQQPnap41FmA+WpjU4/XyBBgNgEYeRz4i"
    "Lmir/EH/d0TBAej5lve/voyjYXyJsRdPP+9MVh/xUQwE+gpRxxj7nE2IdhDTYW41J72sgI"
    "d/adff5dvJVozGwCjYbQ6RBh20DDsNdB2OtQUhLR+zV7gD7wAuGJJ57BJfdsjAEItGtS7h"
    "EDYX5nw+U5MfZkb1OGHqg3g6eg4qkfbOLKN/Rt+s0nA49Nibjlivf8+k9xmdoG+U44/Py6"
    "A880oAY0H7sEi/4H2NsRzb7upJ4xpxX05swHE0pMI7E+gqby+sBbOPLaly8XP7+TLQH80W"
    "DMTN+yV62dhTdj9rK571NjH2jg3pSId4JhY2vE9k0zXFrRpeCFxQXP9cnyTY3VBYNMsG/C"
    "Stv568S3xxJXORL8c/y/4aPFmg0Gl1e3g5vz28FgJ7Mw4RFSKym8NGY2LGpqe4DzH38G/a"
    "4AkVd3YIC370+vd49e7UkIGPemrrwp4dr5UxJiDwekcs5WKIsVN5hhPsti/XaG3Xys4zQp"
    "xMUDN4N1BFMDwO5Y+PvAJPZU7DUn6NVxCdD/d3otsX51LLFmYssJ9qXL8M6hvAWQryA2KH"
    "dMvBg4LpnQ7ypAZynrgTu6sMJ7tWk+OeAHryoAfvCqEHC4lQTcxNw7VsF5SdBBeKss5+LV"
    "nFnM8n8FaKP2HUT28OXLCtiKVoXoyntJfPmYQS8ZhP9+c3WZj/CKIoWxQcce+g+CE78prG"
    "Mn4Minpkdtvg/jPcchCAhBzxbn38w4zrufTn9LT8Hbj1dn6dMSOjhLTUeMU8lMyc/ijkct"
    "kj8tScr01ISk+9EfW/gxlEzF7cWn85vb00+fE/Px8+ntOdw5lFcXqau76R1+2Qn69eL2PY"
    "Kf6B9Xl+fpaVu2u/3HDjyTkA3YwGYPA2zEMYkuR5cS00y+O1R0t8E0Jyn1NLd6mqNvcrQI"
    "pkjhHMsh3ehICxnbtsxu8kQ7OqxwoB0dFp5ncCt//xSwqclzGcJHiHYtw/wxgtwKWQe7RA"
    "jUIIupIZshbBTZpxTk6gEWhIGBzzc69NO0NZwH27N4t+44WM0WdVTFxTjd08k2O03x1U3r"
    "QEJd4wafVJJSf1Bt/qCiuRotVD6nJFX3uKqDSnqCgxI9wUFWT+ASx8TjAqyLD/8UmWaqUt"
    "qXXHNFVXDzqTXGSYxj1qKqwMZINJp//gkms8k815wDSGWRfcdcQqf2B7KQ+F6I58D2OE+I"
    "jRtlv4R9bSWsq6urR3Txw9LOGF9T4v0NYhIvOKdOb96e/ny+U7Yv1IXwTdDt6arXbmKdvz"
    "Hmww6Le4TH8wfsGoPEKoc77JClrizbZm9Zh1b6CrbxVOIELwSPn/BC8A3qCT6F2juFjgqr"
    "Jj01ZwUgHIyXlGv9FW5nBHEBvkmQyx7QLjXQwR4i98RdINkZEqMT20AmG885mlCXeydIXB"
    "ZgU2zSfxMethD/j13GpYkg4bBQ/xB3Ng1XPpdeBS6xiDUiLpfeDfLt/8IRdCnu9kL3BIwc"
    "350KCB5mxCXQv+Av0YhMwZqw06vig6DkRHBhewo+BLTSh9kyi/YUHuHF4cHx6+M3R6+O34"
    "gm8jGXV16XnD4Xl7drnAakAMzJtyy2Z3RaCG+cqh6Qq2x/L5vF+H8OD4+OXh++PHr1pn/8"
    "+nX/zcsl2NlbZaifXfwCwCckgGgmUsir+mskiLSyYq2yQuxfM+aqL/AknV7imy3xEEXVRZ"
    "4i08s8d5lnRIfnZrfO74lkG0vYraDJJuwWAcqK/qFXtmCGyNh3qbdAklAwJOKHR2xEbcm/"
    "cPGE4hzHNseBzwNe8jX2VDIuLhkz1+BZ39Baewe/UOnjOWGuJdgnWPMBc4V2OSFLz1C+L2"
    "EY7p2gIbQZojG7B2YsYPEYMFMo+IKAH7uzh45L7uUnNOzJsUOy0DsVmETsQfff0At0INpw"
    "hogYQbxkD3g9di/+ApdXl4gHJfDy4vEE2Z09cgmex9hA6MibiX/E3SaYvLJ9uiqfF7JsbW"
    "fznmR/LmYGlY/JWs/HH2YCVoCzsdhH3I2MKSnSp3FXaYkJeOusKcExoMQDLSmaYn+65JfN"
    "fG/M1LxZYyQddGit3xNbLEjBk6v6WiWpumcQrN/NKkAsjw9ah3IuL1QXxl3aLTzsCs5UeS"
    "2nyPRiXr+YQ8jUVnOCSC/ntcuZOsCKCG4lJ9agGOUkldaxrIVZWhnxlOTZDIthTlJ1Dub+"
    "QZU9Q7QqBFreSzvEiPfkqttGkqpzSB8cvqnC0h2+Kebp4F4qnpF4mJpKMUoxknYEKcGwnQ"
    "lSWmrtVFZ+gqiDwkz9e7kqwhrcLTJGvJVa9p0iQ0R4u6dkhAg09wr2h1DVL/XigXZ+5U5h"
    "+Vz6Y0DiCIYeZlJ/ThZoTogDJgSLWMxdnMRNBhOSl6aiqYHAKvGrqkkD2zbz5bC7OJanoi"
    "fNBqaAyTGxjZh7Z3M6tcUbvIAUGQH93k+hISN6dtEBNnhkquChewn8BAu4tFsMUeDVYlJi"
    "3Nm7K0tJOFfDvTB9BnZJ4JZihN0Mwxb71+e355e3F1eXw8faLZrTnGvLRRXLhcccOlYSMi"
    "OCDm7p9cvxDl6YDOew47fke8ECj5F0AuIyc8T5b7flnODSGvHx6vKXqHmaPdzmcHVtGKpu"
    "GGoTr/ROLBXfLWaWovtq3NIkoKrILt0wS5y34GAAHAJHU8FleCeCbRCXiQuntgWuxmh3iO"
    "kgXKqCVBzwQUquMXbwiJrgjiG4AM7EwZ/hlBoa4xEcw5gZalHrYXudpalAuitmDtqf6OaJ"
    "dEiNpLkRL6qmEQ3bdw7d+tUU28UDPC3HCwIi5F4M964tYQrCbfYxPEHM60GIzC418nJMnY"
    "Wk7z5cExMXuJLED/qP1KLeVdjhFq6HovilpBgjzv6BCW9aB2SfRW8Sti7B1TjHeWEQy2Ee"
    "sceLsjSyqWZq/CddESuklYUYKhkYhULfoCD36zefeYIBFEj5lmyLOBGcokyxim0UGwtyvv"
    "ZksBR8mej97e1nUFllmNGmBoI8sNwR9ERqyoIhQrMYmjLvJ1DFEc9dLPPDBmo90MMJBpaD"
    "Qg1mWmrhxPYKjxU8jnjwO3sXvIF9G1R3oWLO98gewlOxfvbRpeiJOxCQjkYLxP3Rv8jYk8"
    "8YSgNFDPPXnbDxYC4+BmgU/Q7tfwH5IGKAxdMGqWa1P3HbtXLpia3KIqbpOqFAalpHl/pq"
    "ElCXJDpIUNWZdLkdJ1wevAoZDtKbT9UVnKbr4AquX9yZE6VkM2HzDkLbTDpaT8ChtAtHBB"
    "1EuH7/aJkOoSAdShnHkaTbKJKmbU6lzxNrauWn8yiN8l3S6AjfDYPYI/m3OuhLEr3WN0Xd"
    "JZZ4AnguJeQTZBr9zdHnQljeKP9hjFCnP2ybXTbB94sXJa7jUjVv7xRZ90JEmkgnGqisBs"
    "Bu+jl62ZLtLEPZoU3tkRl/cgCeEWwQV8nZO4/2UV7fLcP6qd27l3iOmJEj655RG7uLNVMR"
    "kabmYbTwAkNQZ2bgLAR1OQNiAs4uLk+vf8/3qzrLmYSz32/PT7VV9Uc8wrerEIh2oNtOB7"
    "qk3bzImpmxrisYM6W8PEjY+iuUyESSDNIKyXqTOfa4IGTggdo8sCJSj0vnuL/wngwVAId8"
    "aeeDizklMpsYYXPzoDYJtklY1ibBalOiTYIt4W5UispoleeT7SMx1y3iUqa0Y6wouqeGac"
    "B8pYWiH8TVNM+9QS3TQpKqgydxQzHRGdyzoG9WfCAWpbNluBf5ofZSZQeSS6515QY+Unt+"
    "y+akuNrAqkVPUfqz50IeEoSVJb+gDsALH9xAgRBZmJoQ4sQRRtDfCXIw5w/Mhaz+nHg9BI"
    "ZBEwlxjE7oMmx77NF7+Xee8Ff/IBB0DrusFBNv3p++OOy/QpQj7olvwthHbyNPVHBTFddB"
    "6BTrBnLWMhubaPjlM2ypaH9/H/36/vz6HIXV+9DFzZ19+eXjxyDLLQ4fWDzaHHoZEzRjD1"
    "IWFZO8iBxmhagKz217MszcW3nLWswSVyuGf31NFLzxXbF/h6Jqrmwqn0w5/0eSSgeIFdic"
    "ioXSaGJUuMsVSQcPwPpFUfnxqwC8JOgkvFX8+0SrEoAz/n3RdjvY0HZdRN9B/HWkXju0Lm"
    "0SlzpoU9LTvOE0b1gyWleL3p75fZ66lVv00W5V4cqW4vr4ypXPqdNgU2rfzlzmeWaJZTvR"
    "qqem2wDagRcSV9RvvAv0DJBD7gVYlmX4KYTS2gSFRSkhZcvEZVagIjApCPFhruMgahY0DF"
    "AIMavYqLV30Gicy7R2UZY8UI7k6CyG6WI/QM58b7gnNRZyWFB8iE9mwRH5LgC6sx9mUuti"
    "LxD2PGI5HmS6c+k9AW0FqDV6CNL0ifu2D4UbIZp3mRqwxNo+Zo6Os22jMazEqB7NWWVrek"
    "TQQeGuftuYjksMoT2uFJd4XBKXeJyNS4x2ryzExXFbMZLORG7V5vA9EWdYlH2tIqBxEg1o"
    "JsgtOI1VAI2TaEDzABWiMnA1OTrhciE7Tasl7TZL2rJecbhdb6BRySHXqrPWTXib/LEhKd"
    "dOkbAqb/aUZFSZLrSq5R3GNNDItw1T5nSK/KCDlGNodzhxCRn20NBxc7OUbtRDzdVWi1Vg"
    "9Wu/1otusYIfciT45/g5qn2sdRAtls50ptfGzG46s2uTGWMoXz52BuMzxkyC7YKdIkGYDl"
    "QUlE2hvbzyxJGKV1cfEwf02UU6w/uXT2fn17sHEn7RiHoJ1U4Cc+kTlbOs10G+ontCxKPd"
    "ZGsB15b74i2mu47PvmNsOOtJSj3rbZn1HOlkmdBWObOyzhFcNaUy90fLzusA7CbWX5cwex"
    "LBN1hpZdLvci0qisCxrNnrBeH37AFZ/ngWpDWORFgcFACTlTc4coiLggitn6I7kJSY+Z6s"
    "F/aATAFNUAAsnj84IS43OE6uadQJ1Qc65HirrKM6YPPpZuEZAzY3E88tZgdb3zYapnX43h"
    "PpmeQRqKYtjZFoh8Fyh8HluVqDw2Ck4t9OXNc6DMZWVb7DYM72UBe0Osr0mT0yP7tsTDgn"
    "xvk9sUv4/GQzRWY/Ih4QoK5q+rIR+e4RF3waJR3UAHbwwpIFTMhoxth8D2ETVAsLNMNg3j"
    "LCaEyXCJRpUP2XIz6njpNX67iZIfJdIJnvBl+DHAiWg2b1W8RkljhCLmeusifkkkIzQhUY"
    "oeUHoQBxnKaDIB/2+1VMb/1+sekN7qUYzuU2rK6hTtN2UEe9vTrp9nnMXJOJeJtZefqKRC"
    "M1jsINSJWSWFzZECzBfQLJIyR5kLShh+bE8SDJRJQggtnmoiduogkNQy+4WPtURj4YiDsM"
    "KqD5PEd72NAYj3DH0dkfniX7w6rccxb2Qr4tSfR0Lr7Ns3C1eflqy3pnz6+EBTDYC1WTTC"
    "aotIasXEMWolWXJudm1d12ortWk5NcXq3T5FyTexakwCrhuJZNVPmtiLB6xrCQnWEu5Mxy"
    "0cOMcRnvKq4HTBFHls89yMXlyMRZEI06IhMmkzyTBQrSW+QmCqurb4imvYaqtKMFKIBAlx"
    "OudrSLgRy7Mvt0b2ngvSYG5T1o7zDTFN3uCRLBxgEHR+0XFrGY6IUTT/R9zR4gfpbAQ5rw"
    "aDIx2HCVtmOIdsFIDBEJYQqwZSaxkItcPTNazcGdPWa+KbhEj5qmaILusUmNPST4NZkgDX"
    "RUwEXC0I7viiUDHRRmw9ZqqK1QQ4UZlCWQCqx8mq6D2pL6jaA6yXUDSa5hA5tvxLsnKTXv"
    "3mrefbvyWekaKVuqYWQlCWTkTUUOl1XOFhNF1AkmD7wEHeJaNOBHQ//A3SFwpfwE6pdBXJ"
    "1LHOZ6/OS/yuLzNu5Nx+q14pwr5tyeN6Csg2rXFbTxx1JAOEXWuci9fqXIvX5J5F4/G7m3"
    "2pmUyj2myB5V6XEzzFdbyMinpick/H0Y7zl2kUYKQFI+CF8sRz5fE98XI9QhlTrC7weO9d"
    "IRfj/irNca4RemWhyESR1lnY1a4teCfk+DbiPhZssWSKXIP5m7tC7YIM9r18BqXK5OrrWd"
    "Igk71aynJGunvpPKYreFxzNqEwRlBMbUweYJmjHxZkgK74KJnEOkHqyhnsy2ChYZ6WgjrT"
    "fSRHP6+QLNyYLnyeF1d68F85YL5tz0p0qmlLC9FszXCubtT6LzdL68TaTR0YqPfEvgy0pg"
    "Q7Nia+DLLNzsQUAy8Ai2VNBOUnWvYmgjKzuSj0c5+ZGLj8Ak1SOOwpYBXo/lVSeA0uqhtq"
    "zoLVUUaPXQjzjrReqhJCsWFhzdaOaz1Dr5dHsmW9nvIVaCwKEDUAXUoMg6deiHoP7DVs57"
    "ucoPlCtaU9pG5V+pi00+0psrAdUccELiZfkk0NOBizeWurp8l/G1FPlx+8nHhHZAoIP3t8"
    "NrWvpQbXQwJyk1S9aWU7oKIy7PFDUdeoxEO26nveFTW7VqVF4etQZ5XXRe5typJ0ovbbfb"
    "TrArBOvlrbr1+a3ckJOpA+yO8Z9piGNbZuuCIaNo1GL2dRmtqsSzrhwZK7GpQcnPE1nWM0"
    "wI8SKI75tgi0IGCPBEhPg8JiP2ghg/MTIEGIJBGazNuexsfT2vN1N/jdeUjcXiiGaJWzHd"
    "5T+1aft5Tds4r8BGiWkb59bV6IL9tX7j9lYl99iW+n0u8zZUoSYptfq0bepTbRj74aZZ1l"
    "j0N0s1l6bVU93qqd6ucF89zRtOc4uC9/Xx3Pgsi7OWq3kWZim75+9WvyQhhWc8JXkKvmKs"
    "k1Sdc+LsHxxWiV49OCyOXoV7KRc4B74D8ankmJmLkU5SdQ7phha0moonRqKNAuVGAYCqLu"
    "X0l7Cv7cR1rXI6tqpUldPx4zCdZviR/inplMcdAf8JPFPEAhdPBm5QhSr9VZOemlY/IFx6"
    "a1UqTYH5wrKIgGsc5h0Mte9hZxAFto9uZ5CAb2SKRjNsTqBQhPzJZ8SA4DFI6/f3Xz/c/A"
    "R/ZbX8TYxyZzuudDdctuWe2D8MROyxu3DAYiCj2TD0jQwiGotLE5dZaPju9Oz64u3g9Mvt"
    "e7GU3l6L1fTh/PfhY4Pd5mqp/+d1Zv3vYBBWsVEAm1PmislVCmJJEHXQPFB/8sDgWxz862"
    "GexbkkT0qC6unTpDwPL9RIQpRwh4MNfbDc1rJzcUu+F9hqCjvoxPovU1ic/3ZbPh1LfcXH"
    "q8tfoubpOdLBMD+g7iiKY9hEFZym1VPd6ql2xSS4GyqD45RaGdy2WVYIdWle5ouXbS+U+l"
    "K13VXkvnSZ+SouXTLfPHMz8QRQuEeWAt9HQgIlMqP8bpQQek4hhfwqPfReD9nMgyY4K/XV"
    "PsSdPQk0RCDSQeoSyEIftoS0JvcEpEQryDOPbelSJgGr7B4WfwigiSXC1o5gz+wIlpqayg"
    "5hKbpOcL5Jye+oipnhqNjKcJQxMui08U1EH3jY85WsNiuKDq7a+vUVQYoHEHaV9EIJqlqM"
    "vS1Sxh1UzSNTlkYmA7Q9njF3YOAcoG8sbJqFzqNJyqdzHj1oCuzAefTo8PWrpd8o/ChzGb"
    "35dPrxY9ZvVNbo2UgWSVJqkbN1wkjCzcw2NvIxW5FpYbPl87vRRxyn0zPc5hkGyVWRM46R"
    "aLa43DUEoMpCu5lryOewr+3Eda1rSGxVJVxDrsUSv754e/usgYtfuLj5FvQ9UteSr/RKNO"
    "opKb18IB2MA9qKWq8vNgQMsgnCaEKEaOVCHtxQagVtlREkwiVQvIYy40R6HJjEmBIXffOZ"
    "h4MqiAT0UGPRmtnZkMYGxoDijm/FYvAtcJWgXJKL1WFQeDFsouGXz7Azov39fSQWXzDM34"
    "L//hvZ6Nf359fnq59//RsyqUWhCA9nyGZ3tu1bI9DVTaDbse+6UMHRJeJr4B7vSYWdvUCr"
    "VlFxSXFvDIq2e+IaYmmWZB8pVqzBugmAErNpBJ+0hGYg+VqdoGQ7EpRo/ZzWz20fIxIHNb"
    "0LVV3Bmd2reyu4fv/qxBavKCqlabXGo9XyEvAdaidzRNGZ4PInOJvbZPCWLvnFPP8GvH5V"
    "Fr94YnQRi1Yct8UMJLEwNVXO3SVBBw/co8MqZhvRqoRpzJhtJGBim3YtbNJ/523Ka8BO0X"
    "bOc70R1GHzUq0iEqfpXvjpQb+STbJfYpPsF8K84fouIO+cObgJ6A3KHRMvBqqrPE3XubDU"
    "RuqKOJjzByb4tBnmMxW4M4Td21kO+/0qgPf7xYDDPV10RJ3zq7HoiADuXoj4YpQ8uXEN5H"
    "FKXQlYDXW+4B6xhGxvbVKCOU2t0VdA33HZhOZlbC0JtFuRtKMYOQzbmWLkOtir+MztbsJ1"
    "Xfmoa7Oeo6LOlG6RmfpMNqX2pmn+4sTae6s9U539wnWVqx9ytgUGGySDKyDvnuDcr6Sp6J"
    "doKvp5tX3BI22zzyxOqT+xtn1iCsZGXUhOtZAc1JCrL1PXR9Fb59J0JYv6rGpZPBKrWDGN"
    "LiJVa4VCMON3rC5M89nflqCVOUdsUINQJglUKjwoY/PXVxssapbr5BtldcytK/g1XmYnSm"
    "qoFlSvnXnhnq42qNUgutrgFvgT6xTCOoVwK+LE1qYQ1nUDO1c38JSIP2eFfGZ4ez2XiVcN"
    "W+N7+6MwgY8sSVbM3t0TN5Jzq2pCYyQddLdtxG8IviwFhMPmHUS3kRw0YkQvt9xIscNEjE"
    "SnJVZ0jXjW8JI//x9f2N/3"
)
