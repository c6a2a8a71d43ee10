"""fabric-auth migration 9: oauth_delivery.

Written by `fabric-auth db makemigration`; holds the SQL of every supported dialect.
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

SQL = {
    "sqlite": {
        "upgrade": 'ALTER TABLE "fabric_auth_link_tokens" ADD "browser_hash" VARCHAR(64);\n'
        'ALTER TABLE "fabric_auth_oauth_flows" ADD "delivery" VARCHAR(16) NOT '
        "NULL DEFAULT 'transport';",
        "downgrade": 'ALTER TABLE "fabric_auth_link_tokens" DROP COLUMN "browser_hash";\n'
        'ALTER TABLE "fabric_auth_oauth_flows" DROP COLUMN "delivery";',
    },
    "postgres": {
        "upgrade": 'ALTER TABLE "fabric_auth_link_tokens" ADD "browser_hash" '
        "VARCHAR(64);\n"
        'ALTER TABLE "fabric_auth_oauth_flows" ADD "delivery" VARCHAR(16) NOT '
        "NULL DEFAULT 'transport';",
        "downgrade": 'ALTER TABLE "fabric_auth_link_tokens" DROP COLUMN "browser_hash";\n'
        'ALTER TABLE "fabric_auth_oauth_flows" DROP COLUMN "delivery";',
    },
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.schema_generator.DIALECT]["upgrade"]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.schema_generator.DIALECT]["downgrade"]


MODELS_STATE = (
    "eJztXVtz2ziW/isov4y9q3hjxU6y7pmtktNOxx23nbKd7e6JpyRIhCSMKIDhxY6mp//74I"
    "CkxLsImZQpBi+JReKA4AcQOPfzx94YD2066mPPnR72LPqRLPZO0R97DM+J+CPrdgftYctK"
    "3ISrLh6aSaI+tmh/RhaOJBs6ro1HrmgzxqZDxCWDOCObWi7lDCh7DPU+XSBBgPgYYeQ5xE"
    "bcFn+JPx7oiCA8GnGPuYfompkL5E4Juv3Qe9E9eQ0E8BNoqYMcl9vEOITHGnwknkvZpJYn"
    "3LN7dv5NvJVozBmBRgPodIAwM9Ag6LUf9DqQlET0fsMfoQ+8QHjsijHY5IGPMACB9k3quM"
    "RA2LlncHlGjAPZ24SjR+pOYRRUjPqREVu+ocfoV4/0XT4h4pYt3vPLP8RlygzyjTjw88se"
    "jKlPDWg+sgkW/fexuyeafdlLjDGjFfRmzfpjSkwjtj78pvJ6311Y8trnzxc/vpctAfxhf8"
    "RNb85Wra2FO+Vs2dzzqHEINHBvQsQ7wWMja4R5phksrfCS/8Ligmt7ZPmmxuqCQcbYM2Gl"
    "7f117LGRxFU+Cf45/r9gaJFm/f7V9V3/9vyu399LLUwYQmIlBZdGnMGipswFnP/40+93BY"
    "i8ugcPePehd7P/6vWBhIA77sSWNyVce39KQuxin1TO2QplseL6U+xM01i/m2I7G+soTQJx"
    "MeB6sA5hqgHYvTn+1jcJm4i95hS9Pi4A+v97NxLr18cSay62HH9fugrudOUtgHwFsUEdy8"
    "SLvmWTMf2mAnSashq4wwsrvFeb5tYBP3pdAvCj17mAw6044CZ23GMVnJcELYS3zHLOX82p"
    "xSz/V4A2bN9CZLsvX5bAVrTKRVfei+PrjDj0kkL459vrq2yEVxQJjA06ctG/EZz4dWEdOQ"
    "GHHjVdypxDeN5zHIKAEPQ8d5yvZhTn/V96vyWn4N3l9VnytIQOzhLTEeFUUlPyo7jj0jnJ"
    "npY4ZXJqAtLD8I8d/BgKpuLu4pfz27veL59i8/Fj7+4c7nTl1UXi6n5yh192gn69uPuA4C"
    "f6+/XVeXLalu3u/r4HYxKyAe8z/tjHRhST8HJ4KTbN5JtFRXcbTHOcUk9zo6c5/CaHC3+K"
    "FM6xDNKNjrSAsW3K7MZPtFfdEgfaq27ueQa3svdPAZuaPJcifIJo1zDMnyLIrZC1sE2EQA"
    "2ymBqyKcJakd2mIFcNsCAM9D1no0M/SVvBebA7i3fnjoPVbFFLVVyM0m1Pttmri6+uWwcS"
    "6Bo3+KTilPqDavIHFc7VcKHyOcWp2sdVHZXSExwV6AmO0noCm1gmHuVgnX/4J8g0U5XQvm"
    "SaK8qCm02tMY5jHLEWlQU2QqLR/PNPMJmNZ5nmHEAqjex7bhM6YR/JQuJ7IcaB2ShLiI0a"
    "ZT8Hfe0krKurqyHa+HFpZ4yuKfH+BjGJ659Tvdt3vR/P94r2haoQvvW77a16bSfW2RtjNu"
    "ywuId4NHvEttGPrXK4w7s8cWXZNn1r3p0nr2CGJxIneCEYfswLwTOoK/gUyvZyHRVWTTpq"
    "zgpA2B8tKdf6K9xNCXIE+CZBNn9E+9RARweIPBB7gWRnSDydMAOZfDRz0JjajnuKxGUBNs"
    "Um/Rdxghbi/5HNHWkiiDksVP+Ie0aDle9IrwKbzMl8SGxHejfIt/+Lg6BLcbcTuCdgZHn2"
    "REDwOCU2gf4Ff4mGZALWhL1OGR8EJSeCC+Yq+BDQUh9mwyzaExjCi+7R8Zvjt69eH78VTe"
    "Qwl1feFJw+F1d3a5wGpADskK9pbM/oJBfeKFU1IJfZ/l7Wi/H/druvXr3pvnz1+u3J8Zs3"
    "J29fLsFO3ypC/eziJwA+JgGEM5FAXtVfI0aklRVrlRVi/5pyW32Bx+n0Et9siQcoqi7yBJ"
    "le5pnLPCU6PDe7df5AJNtYwG75TTZhtwhQlvQPvWaCGSIjz6buAklCwZCIHy5hiDLJvzhi"
    "hOIcx8zBvs8DXvI1bCIZF5uMuG04ad/QSnsHv1Dp4znm9lywT7DmfeYK7TuELD1DnUMJw+"
    "DgFA2gzQCN+AMwYz6Lx4GZQv4XBPzYPRtYNnmQn9CgI58dkAXeqcAkYhe6/4peoCPRxuGI"
    "iCeIl+wAr8cfxF/g8moTMVACLy+GJ8ju2dAmeBZhA6Ejdyr+EXfrYPKK9umyfF7AsjWdzd"
    "vK/pzPDCofk5Wej9/NBKwA5yOxj9gbGVMSpNtxV2mICXjnrCn+MaDEAy0p6mJ/2uSXzT13"
    "xNW8WSMkLXRord4TWyxIwZOr+lrFqdpnEKzezcpHLIsPWodyJi9UFcZt2i1cbAvOVHktJ8"
    "j0Yl6/mAPI1FZzjEgv57XLmVrAighuJSPWIB/lOJXWsayFWVoZ8YRk2QzzYY5TtQ7mk6My"
    "e4ZolQu0vJd0iBHv6ahuG3Gq1iF91H1bhqXrvs3n6eBeIp6RuJiaSjFKEZJmBCnBY1sTpL"
    "TU2qms/BhRC4WZ6vdyVYQ1uDtkjHgntex7eYaI4HZHyQjha+4V7A+Bql/qxX3t/MqdYu45"
    "0h8DEkdw9DiV+nOyQDNCLDAhzMmc24vTqMlgTLLSVNT1ILBK/Kpq0sCMcU8+dh9H8lR0pN"
    "nAFDBZJmaI2/fMoRMm3uAFpMjw6Q9+CAwZ4dhFB9hwQlOFE7iXwE+wgEu7xQD5Xi0mJcY9"
    "219ZSoK5GhwE6TOwTXy3FCPoZhC0OLw5vzu/uru4vho81W5Rn+ZcWy7KWC5cbtGRkpAZEr"
    "RwS69ejrfwwuQ4gx2/I99yFniEpBUQF5kjzn+7K+YEl9aIy+urn8LmSfZwl8PVtWGovGGo"
    "SbzSe7FUPDufWQrvq3FLY5+qJLt0y+fivAUHA+AQHDQRXIZ7KtgGcZnYcGrPwdUY7Q8w7Q"
    "dLVZCKA95PyTXCFh5SE9wxBBfgcHHwpzilmp7xBI5hxA21qPWgvc7SlCPd5TMHzU90syUd"
    "Ui1pbsSLqmlEg/atQ7d6NcVu8QDb5XhBQITci8HetSNMQbDNPoUniHg9CJHZpkZWjqmzgP"
    "T9xxti4hxXkuhBf0nn1L0OOtzB9ZAXvxQXY8TZ3zfhTauA7JPoTcLWJrhq5zgvDDK3uEvY"
    "aFGURjbRTI3/pCtihbSyEEMlA6NQ4Bvk53796nFXMIACKW8u2yKHCE5RpljFDEWeBTlfOz"
    "JYCr5M9OHu7hOorFLMaF0PgjywjiXoidSU+Y8IzGJowt0fQBVHXHuxzA/rq/VADycYWAcU"
    "ajDTUgsntlcYlj8cMfB7tg/ewB4D1V2gmPNccoDwRKyfQ3QlenIsCEhHwwVyvOE/yciVYw"
    "ykgTyG+cte0Lg/Ex8DNAp/B/Y/n7wfMsBitH6qWe1P3HStXHJiy7KISbpWKJDq1tElvpoY"
    "1AWJDmJUVSZdbsYJlwWvQoaD5OZTdgUn6Vq4gqsXd2ZEKdlM0LyF0NaTjtYVcCjtwiFBCx"
    "Gu3j9apkPISYdSxHHE6TaKpGmaU+nzxJrOs9N5FEb5Lml0hO+GQeyh/Fse9CWJXuubom6T"
    "uRgBjEsJ+RiZRn9z9B0hLG+U/zBCqNMfNs0uG+P7xYsS27Kpmrd3gqx9ISJ1pBP1VVZ9YD"
    "e9DL1swXaWomzRpvbEjD8ZAE8JNoit5OydRfskr++GYb1t9+4lnkNuZMi6Z5Rhe7FmKkLS"
    "xDwMF65vCGrNDJwFoC5nQEzA2cVV7+b3bL+qs4xJOPv97rynrarf4xG+W4VAtAPdbjrQxe"
    "3medbMlHVdwZgp5eV+zNZfokQmkmSQVkjWm8ywx/khA4+UOb4VkbqOdI77i9ORoQLgkC/t"
    "fHAxo0RmHU/Y3DyoTYJNEpa1SbDclGiTYEO4G5WiMlrlubV9JOK6RWzKlXaMFUX71DA1mK"
    "+0UPSduJpmuTeoZVqIU7XwJK4pJjqFexr0zYoPRKJ0dgz3PD/UTqLsQHzJNa7cwCVlszs+"
    "I/nVBlYtOorSH5sJeUgQlpb8/DoALzxwAwVCNMfUhBAnB2EE/Z0iCzvOI7chq79D3A4Cw6"
    "CJhDhGx3QZtj1y6YP8O0v4q/4hEHQOu6wUE28/9F50T14j6iDHFd+EcYjehZ6o4KYqroPQ"
    "KdYN5KzlDJto8PkTbKno8PAQ/frh/OYcBdX70MXtPbv6fHnpZ7nFwYDF0GbQy4igKX+Usq"
    "iY5EXoMCtEVRg3c2WYubvylp3zubhaMvzrS6zgjWeL/TsQVTNlUzky5fwfcSodIJZjc8oX"
    "SsOJUeEuVyQtPACrF0Xlx68C8JKglfCW8e8TrQoATvn3hdttf0PbdR59C/Gv3oo9hCwlRL"
    "3UQZKufaKqjopshoarSaJpC+13epo3nOYNy3Pryty7M7/PUyN0hz7anSoS2lBcn14l9Dn1"
    "R3xC2d3U5q5rFngRxFp11PRIQNt3A+KSuqT3vk4H8vW9ACu+DPWFsGVGUFAAFNLjjG0+99"
    "UxJgWFSZBX2o9QBm0OFJ1MK5Eq7R20R+cyhWCYkRAUURn6oUGysBKQc88dHEjtkHwsKJnE"
    "J7NwEPkmALpnj1Op4WILhF2XzC0Xsgra9IGAZghUSB0EKRHFfeZBkUyInF6mYSzwbBhxS8"
    "c0N9HwWODAEM5Zac+FkKCFgnT1dkgdAxpAe1wqBvS4IAb0OB0DGu5eaYjzY+QiJK2JkqvM"
    "uX4szrAw011JQKMkGtBUQKF/GqsAGiXRgGYBKkRl4Goy9O/FQnaSVkvaTZa0ZW3oYLveQK"
    "OSQa5VZ42b8Cb5vl/3xL89X1LbyxNaY406SjIr9+v/+rRl3R9koiyxYbkgq0HeLDkA9D/o"
    "2iLs4kdwI2Dgp27Z/EG0tDvSW0HIoS64BoCS4DQUSdFYLFInM4VXPY+5Z3AD8mftD0LCQU"
    "fIqr5HLoioTDoqiBbSPpovWobk0CAgT0mYceeEkCDfO0FNi1e9Am+99BmpDyOfBP8cP0dx"
    "mLX+xAXOCJGZK227jdC0UBaqzTNeSY5fkbQQ4u7JSZmUQycn+SmH4N6zOn00jLfcgs+HxK"
    "vvu9SRLLUg5ybBrADsGHEypFhQ17Wwl1e2HFN8fX0ZY+/OLpK1GD7/cnZ+s38kp0E0om5M"
    "MajdEL4DJjslVQGn1qdsU6kqTq6l6CbPtxA3iOP4Ltd9h2Aza1/NL3uTQ96G86xoluuogG"
    "OTsZjX6cZTkUev50J9LnwMN3fJyqLX+2CT90Htt6P9drTfThkN6HtTfkIF6k/ZorOB7nMs"
    "CBXivnx1olg0tguhWC7CS/2j9JZh3AVlI3Wm4vaCuKfLmqBohE1T5v5nhBhOB82I5aa1nt"
    "U/456BIw6xXziiB3DAcVOt53iBTFnswHexCR1rDtF77jFZbgDahyFj4HrjOvdsIPMXDzrI"
    "XzIGkk484DeK9sFl56CDhpLe5ZI+cMX3BxC+H1RESHZ/z8CxiM+oLHs65WK1PLl8KAxVOX"
    "ggTqXjvhL6khJxX1rVWr+q9VlDY5oNdg2xMdwgoUpPaVmnCFsI91H3bRl3te7bfH81uBdH"
    "nPGAQyuL9JKghQjXkR7WECLjyO17NlVBOUnXQrC7L4/LrGdoVlAn4ji1opfQuXwjxH0yDX"
    "hpwGWOhw3k7STdE4Tu3VGkKGTqEow/hZAAlVUcpdlihVLx7syxuO3ubeck1PmjGrGYd04r"
    "uFtBuTqp7m46FkJl1b08jZq82VFSpsma72XVaPBMAw09ZpiyMGeYzNavG4v2B2ObgFoJPP"
    "SySs1v1MMTdEfaK28bXnmqBQCrLfzXQq1cRILGczUBOmjfugLytZT9o85y2CmMC93D4oTa"
    "NUzBNUxAJxPbZSzrdZCv6LaIeLib7CzgWvrI32Lam73Ws4wNZz1OqWe9KbOeIZ3I0SsIJ4"
    "lE7RmBpGcB3fuPN8SUuUczFkFS4rgMU7jv2ELI87JIRkMsO68CsNtIf23CbCuCr7/SiqTf"
    "5VpUFIH7qy9ivSD8gT+iuTeaggCLlyIslrVa0MTGDDLkEhv5afZ/CO88UrEqPPAKsUUHpo"
    "BGRraFHaTF5Rqfkx0YF6gPdN2YnUq7oqtubG8WnrHqxmbi+Zwzf+vbRcuJrsGwJT2TPALV"
    "tKUREu3RXOzRvDxXK/BoDlX8u4nrWo/myKrK9mjO2B6qglaXCnlml/FPNocIMWKcP5CCtB"
    "mJZorMfkjcJ0BdPnUG+eYSG5IlSjq0L5htvIByF+iRDKeczw4QNkG1sEBTDOYtIyipYZPQ"
    "cUKW7JhRyyJGhm2slkdk51bknu1/DfJBsBw0q98gJrMgw+Jy5ko7wi8pNCNUghFafhAKEE"
    "dpWghyLekvVtuwuoY6SdtCHfXu6qSb5zFz48c6F9cgizVS4yhisdQl+YlrBlmYHY9ABTBJ"
    "7lfe8gO/oFLYMqaKmYsOxGFBJiyZ09kRa5/KeC8DORZ3RQ+ek6E9rOkZT3DH0SW8niWUKw"
    "AnMDjEYc/l2+JE28sdWj8LV1n6UG1Zb+35FbMA+nuhaqXwGJXWkBVryAK0qtLk3K662010"
    "12py4surcZqcG/LA/TqmBRzXsokqvxUSlg//D9gZbsv0ouhxyh1ZSENc95kiB809B2LbuS"
    "Wrn0KZiyEZi9UHptMF8l30M6u9VtU3lOm4IVgG7RNflxOsdrQfht0DQ9ZZGnhviEGdDrS3"
    "uGmKbg8EiWDjgIOj7MWczLnoxSGu6PuGP0JhDgKDNGFosrrrYBV6MED7YCSGpFxBHddlOd"
    "iAi1yNGa3m4J6NuGcKLtGlpimaoAdsUuMACX5NVrkFHRVwkfBoy7MnkOZ1Slgdnt1aDbU1"
    "NZSf79MHUoGVT9K1UFtSvRE0BE2R/4hRaf4jFcj7wGcb8e5xSs27N5p31zF5bZ3lRmkYeU"
    "FlOnlTkcPlpcvQhRF1gskDL0GL2HPq86OBf+D+ALhS59SkjgtxdTaBUGrn9L+K4vM27k3H"
    "6jXinMvn3J43oKyFatdoSoWYY3dZhBNkrYvcOykVuXdSELl3ko7cW+1MGT75P99eX+V6YE"
    "bJkqc6Hbno3wj2ttowX20hQ4+arpDwD+F5z7GLAEyxEz6VDDeZ9zax3UAHyWS41OkHL5Yh"
    "n6+J74sQ6pBKHeH3Hcd66Qi/73HWK43wC2o4hyXC+pAQq5L4Nb/foGpZKNzs2AIpFfkns4"
    "dVBRskom4bWLXL1fG1tpcnYSeadZRk7cR3UlrsnuPRlDKCLIHdiFrYPPXTHSMpvAsmckaC"
    "YnYdmRkaLDLS0UZab6SJpvfpAs3IwsmSw6vuXgvmDRfMHdObKJlSgvZaMF8rmDc/ic72fH"
    "nrSKOjFR/ZlsCXpcCGZvnWwJdpuPmjgKTvEjxXQTtO1YY6P1tY2aF8PMzIk5p/BMapdOZZ"
    "nQBKq4caejjupqJAq4e+x1nPUw/FWTG5R24482lqXYeuOZOt7PcQKdxp0T6oAipQZPUs+p"
    "Esdnbei1V+oFzRmtImKv8KXWyykd5cCajmgBMQo4BY6unAxRtLXV22y/haiuy4/fgwoR0Q"
    "6OD93fCalj5UGx3McUrNkjXllC7DiMszRU2HHiHRjttJb/jEVq0alZdFrUFeF52XOneqid"
    "JL2u12E+wSwXpZq259fis74GSqALtl/GcS4siW2bhgyDAaNZ99XUarKvGsK0dGhRLIp4gz"
    "EiaEeOHH943xnEIGCPBEJLLoL0Ts+TF+4skQYAgGZbA2Z7Kz1fW83kz9JVr0OhKLI5rFbk"
    "V0l//Qpu3nNW3jrAIbBaZtnFlXow321+qN2zuV3ONlXSBXnNnD5u6GKtQ4pVafNk19qg1j"
    "3900Q0YDKAW7yUQnafVUN3qqdyvcV0/zhtPcoOB9fTzXPsvirHXUPAvTlO3zd6tekpDCM5"
    "6QLAVfPtZxqtY5cZ4cdctErx5186NX4V7CBc6C70B8Khlm5nyk41StQ7qmBa2m4omQaKNA"
    "sVEAoKpKOf056Gs3cV2rnI6sKlXldPQ4TKYZfqJ/SjLlcUvA34JniljgYmTgBpWr0l816a"
    "hp9X3CpbdWqdIU2FnM50TANQryDgba96AziAI7RHdTSMA3NEWjKTbHUChC/nSmxIDgMUjr"
    "9/OvH29/gL/SWv46nnLPLFu6Gy7bOq7YPwxE2MheWGAxkNFsGPpGBhGNxaWxzedo8L53dn"
    "Pxrt/7fPdBLKV3N2I1fTz/ffDUYLeZWur/WZVZ/1sYhJVvFMDmhNticpWCWGJELTQPVJ88"
    "0P8W+/98nKVxLsiTEqPafpqU5+GFakmIEuxwsKH3l9taei7uyLccW01uB61Y/0UKi/Pf7o"
    "qnY6mvuLy++ilsnpwjHQzzHeqOwjiGTVTBSVo91Y2ealtMgr2hMjhKqZXBTZtlhVCX+mW+"
    "aNn2XKkvUdtdRe5Llpkv49Il881zOxVPAIV7ZCnwQyQkUCIzyu+HCaFnFFLIr9JDH3QQ4y"
    "40wWmpr/JH3LOxryECkQ5Sl0AW+qAlpDV5ICAlzv0885hJlzIJWGn3sOgggCaSCFs7gj2z"
    "I1hiako7hCXoWsH5xiW/V2XMDK/yrQyvUkYGnTa+jugDF7uektVmRdHCVVu9vsJP8QDCrp"
    "JeKEZVibG3Qcq4o7J5ZIrSyKSAZqMpt/sGzgD6do5NM9d5NE65PefRo7rA9p1HX3XfvF76"
    "jcKPIpfR2196l5dpv1FZo2cjWSROqUXOxgkjMTczZmzkY7Yi08Jmw+d3o484SqdnuMkzDJ"
    "KrImccIdFscbFrCECVhnYz15BPQV+7ieta15DIqoq5htyIJX5z8e7uWQMXPzvi5jvQ90hd"
    "S7bSK9aoo6T08oC0P/JpS2q9PjMIGORjhNGYCNHKhjy4gdQK2irDT4RLoHgN5cap9DgwiT"
    "EhNvrqcRf7VRAJ6KFGojVn6ZDGGp4BxR3ficXgzcFVgjqSXKwOg8KLYRMNPn+CnREdHh4i"
    "sfj8x/zN/++/EUO/fji/OV/9/OvfkEnnFIrwOBwxfs+YNx+Crm4M3Y4824YKjjYRX4PjOh"
    "2psGMLtGoVFpcU90agaHsgtiGWZkH2kXzFGqwbHygxm4b/SUto+pKv1QlKdiNBidbPaf3c"
    "7jEiUVCTu1DZFZzavdq3gqv3r45t8YqiUpJWazwaLS8B36F2MocUrQku38LZ3CSDt3TJz+"
    "f5N+D1y7L4+ROji1g04rjNZyDJHFNT5dxdErTwwH3VLWO2Ea0KmMaU2UYCJrZpe45N+q+s"
    "TXkN2Ana1nmu14I6bF6qVUSiNO0LPz06KWWTPCmwSZ7kwrzh+s4hb505uA7oDepYJl70VV"
    "d5kq51Yam11BWxsOM8csGnTbEzVYE7Rdi+naV7clIG8JOTfMDhni46os75VVh0RAD3IER8"
    "8ZQsuXEN5FFKXQlYDXVn4bhkLmT7+SYlmJPUGn0F9C2bj2lWxtaCQLsVSTOKkcNjW1OMXA"
    "d75Z+57U24risftW3WM1TUqdItMlOfySeUbZrmL0qsvbeaM9XpL1xXufouZ1tgsEEyuBzy"
    "9gnOJ6U0FScFmoqTrNq+4JG22WcWpdSfWNM+MQVjoy4kp1pIDmrIVZep61L01ro0XbGS1t"
    "JEHMQWV4HYdU/8277CMnEHskgBkCfCFalA0kakKi3rCL4PLSumU3/KvCVoRR4lGxRulJkV"
    "lao1yoQG60s05jXL9IwOU2FmFmP8Eq1NFGaCVMtEoD2g4Z4u0ah1R7pE4w44Yeu8yzrvci"
    "OC69bmXdbFFltXbLFHxJ/TXD4zuL2ey8Srho1xWP5emMAn1nHLZ+8eiB3KuWXVxxGSFvoo"
    "1+JsBV+WAsJB8xaiW0viHvFEN7NGS76XSYRE53JW9Cd51picP/8DM9rA3w=="
)
