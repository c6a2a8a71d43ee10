"""fabric-auth migration 13: quota_leases.

Written by `fabric-auth db makemigration`; holds the SQL of every supported dialect.
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

SQL = {'sqlite': {'upgrade': 'CREATE TABLE IF NOT EXISTS "fabric_auth_quota_leases" (\n'
                       '    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,\n'
                       '    "counter_id" BIGINT NOT NULL,\n'
                       '    "holder" VARCHAR(64) NOT NULL,\n'
                       '    "units" BIGINT NOT NULL,\n'
                       '    "ceiling" BIGINT NOT NULL,\n'
                       '    "expires_at" TIMESTAMP NOT NULL\n'
                       ") /* A block of a counter's units claimed by one instance, served from "
                       'its memory */;\n'
                       'CREATE INDEX IF NOT EXISTS "idx_fabric_auth_counter_e81abd" ON '
                       '"fabric_auth_quota_leases" ("counter_id");\n'
                       'CREATE INDEX IF NOT EXISTS "idx_fabric_auth_expires_78807a" ON '
                       '"fabric_auth_quota_leases" ("expires_at");',
            'downgrade': 'DROP TABLE IF EXISTS "fabric_auth_quota_leases";'},
 'postgres': {'upgrade': 'CREATE TABLE IF NOT EXISTS "fabric_auth_quota_leases" (\n'
                         '    "id" BIGSERIAL NOT NULL PRIMARY KEY,\n'
                         '    "counter_id" BIGINT NOT NULL,\n'
                         '    "holder" VARCHAR(64) NOT NULL,\n'
                         '    "units" BIGINT NOT NULL,\n'
                         '    "ceiling" BIGINT NOT NULL,\n'
                         '    "expires_at" TIMESTAMPTZ NOT NULL\n'
                         ');\n'
                         'CREATE INDEX IF NOT EXISTS "idx_fabric_auth_counter_e81abd" ON '
                         '"fabric_auth_quota_leases" ("counter_id");\n'
                         'CREATE INDEX IF NOT EXISTS "idx_fabric_auth_expires_78807a" ON '
                         '"fabric_auth_quota_leases" ("expires_at");\n'
                         'COMMENT ON TABLE "fabric_auth_quota_leases" IS \'A block of a '
                         "counter''s units claimed by one instance, served from its memory';",
              'downgrade': 'DROP TABLE IF EXISTS "fabric_auth_quota_leases";'}}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.schema_generator.DIALECT]["upgrade"]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.schema_generator.DIALECT]["downgrade"]


MODELS_STATE = (
    "eJztXW1327qR/is4/nLtXcUbO3Zu1rfdc5zEadz4xlnb2bS97pEgErJYUwTDFytqe//7zo"
    "CkxHcRNClTNL7kRcSA5AMQmBnMPPOvnQkdO4Y2pL433T+1jU9ssXNC/rVj0RmDf+RdHpAd"
    "atupi/irR8dmWmhIbWN4zxauEBu7nkM1D9pMqOky+ElnruYYtmdwCyVPLXL65ZyAAOETQo"
    "nvModwB/4F/3gwNEaopnHf8vbJpWUuiDdl5Prj6YvD49cogP9FWcMlrscdpu/jbXWuwX0N"
    "666VO9xat9bZD3graMwtho1G2OmIUEsno7DXYdjrSEgy6P2Kz7EPuiB04sEzOOyBaxSBIL"
    "um4XpMJ9S9tfDne6bvid7uOJkb3hSfwoCnnlvMEW/oW8Z3nw09fsfgkgPv+dvf4WfD0tkP"
    "5uJ/f9vBZxoaOjbXHEah/yH1dqDZbzupZ8xphb3Z98OJwUw9MT+CpuL3obewxW9fv56//y"
    "BaIvjjocZNf2atWtsLb8qtZXPfN/R9lMFrdwzeCW8bmyOWb5rh1Ip+Cl4YfvAcny3fVF/9"
    "oLMJ9U2caTt/mPiWJnAVd8I/jv4nfLRYs+Hw8+XN8PrsZjjcyUxMfITUTAp/0riFk9qwPM"
    "T5X78H/a4AEb/u4A3efTy92n31ek9AwF3vzhEXBVw7vwtB6tFAVIzZCmWYccMpdadZrN9N"
    "qZOPdVwmhTg8cDtYRzC1AOzOjP4Ymsy6g7XmhLw+KgH6/06vBNavjwTWHJacYF36HF45FJ"
    "cQ8hXEuuHaJl0MbYdNjB8yQGclm4E7+mGF92rR3DjgB68rAH7wuhBwvJQE3KSudySD81Kg"
    "h/BWmc7FszkzmcXfEtBG7XuI7OHLlxWwhVaF6IprSXxdjWMvGYT/fH35OR/hlUQKY93QPP"
    "Jvgjt+W1jHdsCxb5ieYbn7eL+n2AQRIex55rrfzTjOu7+e/iU9BO8uLt+md0vs4G1qOGKa"
    "SmZI3sMVz5ix/GFJSqaHJhTdj/6xhR9DyVDcnP96dn1z+uuXxHi8P705wyuH4tdF6tfd9A"
    "q/7IR8O7/5SPC/5G+Xn8/Sw7Zsd/O3HXwmsA340OLzIdXjmEQ/Rz8lhpn9sA3orsYwJyXV"
    "MHd6mKNvcrwIhkhiH8sRrbWlhYptV0Y3uaO9Oqywob06LNzP8FL++gmwydlzGcFHmHYdw/"
    "wxhtwKWZs6DAxqtMXkkM0ItorsJg25ZoBFY2Dou7U2/bRsA/vB9kzerdsOVqNl2LLmYlxu"
    "c7bNTlt6dds+kNDXWOOTSkqqD6rLH1Q0VuOFzOeUlOqfVnVQyU9wUOInOMj6CRxmm1QrwL"
    "p480+JKaUq5X3JPa6oCm6+tMI4iXHstKgqsDERhebvv+OR2eQ+9zgHkcoi+4E7zLizPrGF"
    "wPccnoNaWp4RGz+U/Rr2tZWwrn5dPaJD58tzxvicgvfXmcm8YJ86vX53+v5sp2xdaArh66"
    "Db01Wv/cQ6f2HMhx0n95hq93Pq6MPELMcr/JCnflm2zV6aHc7Sv1CL3gmc8IXw8RNRCL5u"
    "eKCnGNZOYaDCqslALlgBBYfaUnJtvMLNlBEXwDcZcfic7Bo6Odgj7IE5CyI6I3B3ZunE5N"
    "q9SyaG43onBH4GsA1qGv9kbtgC/tYc7oojgkTAQvO3uLWMcOa7IqrAYTM2GzPHFdEN4u1/"
    "cgl2CVcHYXgCJbbv3AEE8ylzGPYP+iUZszs8TdgZVIlBkAoiOLc8iRgCo9KH2bET7Tt8hB"
    "eHB0c/H7159froDTQRj7n85eeS3ef8882aoAFhALvsexbbt8ZdIbxxqWZArrL8vWwX4/8+"
    "PHz16ufDl69evzk++vnn4zcvl2BnL5Wh/vb8Twh8wgKIRiKFvGy8RkJIOSvWOitg/ZpyR3"
    "6CJ+XUFK83xUMUZSd5SkxN89xpnjEdnlrdOntgQm0sUbeCJnXULYaSFeNDLy1QhpjmO4a3"
    "IEIQFBL4j8csYlhCf3HhCWEfp5ZLg5gHutRrrDuhuDhM447uZmNDG+0d40JFjOeEOzNQn3"
    "DOB8oV2XUZW0aGuvsChtHeCRlhmxHR+AMqY4GKx1GZIsEXhPrYrTWyHfYgPqHRQNw7FAuj"
    "U1FJpB52/528IAfQxuWEwR3gJQeo6/EH+BeGvDoMHpThy8PjgditNXYYvY+pgdiRN4U/4G"
    "rlQNMAGDHDNcDSWbqFue9pHKaPXDRp2VpeVRcM1bquq4IbWcOLFUbprbTRPfTZDMAK8NT3"
    "IXPgkhLdTEhLR46Jt+7EZbUiVtaTlhJtqUh9it2ONhYJgGMiPQx6bT5aGyYk6O2y8VhJqf"
    "4dGjYfihUglqcHrUM5VxdqCuM+rRYedUB7lZ7LKTE1mddP5hAyudmcEFLTee10NmxURUBb"
    "yclHKEY5KaX8MGthFieR9I7lnSsWw5yU6h3MxwdV1gxoVQi0uJYOmoH3dGWXjaRU75A+OH"
    "xTRaU7fFOs0+G1VM4j86hhSuUxxUS6kciEt+1NItPSsycz8xNCPTRmml/LZRFW4G7RgcU7"
    "4YnfKTqsCC8PpA4qAu++xBlFeBwgfOeBB38VcjHzXRGzgeQSnMynwsfOFuSeMRuPGWZsxp"
    "3FSfxYYcLyqCzauhGeXHyTPfaglsV9cdtdGuOyGIijBRNgsk1qEe7cWq5xZ8EbvEAajUB+"
    "75fwsCN6duiA6m50nOGGISj4XzwlF2cbIxJEvpgG02+t3dVpSjhWo72QYoM6LAhd0cNuRm"
    "GL/auzm7PPN+eXn0ePDWBpz3OuTi6qnFx43DY0KSMzEujhkt68HW/Thclpjjp+w34UTPCY"
    "SC8gLjuOOPvLTbkmuDyNuLj8/KeoeVo93OaUdnUwVP1gqEu60geYKr5TrCxF1+W0pUkgVV"
    "FduuYz2G8xCAE1BJfcgZbhnYDaAD8zB3ftGYYjk90RNYbhVAVR2OAD2i6N2nRsmBiyAVqA"
    "y2Hjz2hKLd3jERqDxnW5zPawvWJyKrDuipWD7pPhbMiH1AoVDryonEc0bN87dJt3U2yXDr"
    "BZjRcNRORnDNeuLVEKwmX2MTpBLOoBTGbH0PN4qN6Goh8+XTGTFoSSxDf6C2NmeJdhh1s4"
    "H4pynJJmDOz9QxPftAnIvkBvArY+wdW6xnmus5nNPWZpizKq2VQzOf3TWAlLUM9inpVIni"
    "JhbFDAD/vd5x4ogICUPxNtictAUxQ0rNQisXshL+xAJFThl0k+3tx8QZdVRhlt60bIFeva"
    "IM+Epyy4RXgsRu649wu64pjnLJYcsoFbD/1woMC66FDDkRZeOFhe8bGCx4EHv7V2MWLYt9"
    "B1FzrmfI/tEXoH82effIaeXBuT1sl4QVx//A+meeIZQ2ugSGH+bSdsPLyHjwEbRf8Pz/8C"
    "8WGkAMPTBgHEdRPLVDzxprxy6YGtqiKm5XrhQGrbR5f6ahJQl5AhJKSaJGbuxg6XB68EC0"
    "J68ak6g9NyPZzBzZs790yKkCZs3kNo26Gs9QAOqVU4Eughws3HRwvKhALKlDKNIylXK5Om"
    "a0GlT5OPOsun/CjNBF7KqCzgmonukf1bHfSliJrrdVF32AyeAJ9LCvmEmEK/PvouGMu1OB"
    "JjgooisWvnsgm9H16UObZjyEV7p8T6lyLSBuVo4LIaorrp5/hlS5azjGSPFrVHsgLlADxl"
    "VGeOVLB3nuyjor47hvWmw7uXeI65nmPrvjUs6izWDEUkmhqH8cILDoJ6MwJvQ1CXIwAD8P"
    "b88+nVX/Pjqt7mDMLbv96cnapT1ee4hW9XsRAVQLedAXQXjLpsp+gUM7g6kDq8NFGmarVM"
    "gnfVyT/4mHArrD+5iqH3LRcJfCjBeUp28dAu4FoiDjPpYu+ETOFNyXxqILckzOE50zOnlS"
    "3c49Yaswl3GBmtPrXRL+KQM+pX5DPoBnOJyQEOPJqcTzEdwSOhzGMD8J42KuxZBeBNuann"
    "ER6XJFwtJXrofG7eiNquvU6pNDVVGqp99416dFEpUTXQnRvoTmk1iWjAQu0mHTMoo+Wg7D"
    "ARwVhF3RFiSKgotJCcKKNAcZiDHhHERhmgiGDY30/uQCRAYpqhiF7CH3OKg7dxh/pBTyrQ"
    "qUtHACrQqYayowKdtiLQSR3kPsVRos0cg0utGCuJ/h0utRCUo1y9zySBJi9oU44/KinVw5"
    "24JaaXDO5Z0OuVXYrlHm8Z7kXZNYNUwaXklOtcoaULw7q/4fesuM7SqsVA0vqz7sEeAsHK"
    "ll9QAemFj8ktKEhm1DAxcdsllGB/J8SmrjvnDtYzcpk3IBjuZBIwx4yJsSSj0TzjQfw7z/"
    "hr/iZIpYOrrDATrz+evjg8fk0Ml7gefBP6PnkX5degZxt+R6MT5g2y9XOLmmT09QsuqWR/"
    "f598+3h2dUbCusXk/PrW+vz14iLg96fhA8Oj3WMvGiNTPhe2KAzyIkoDAlMVn9vyBHmOt8"
    "oBmvEZ/FqZ4j9e6s93YP0uI/UXTybNapaUUl53aa97NDAy2uVKpIcbYPOmqPj4ZQBeCvQS"
    "3ipZC9CqBOBM1kK03A5rRuQVyfcQ/+aPlcbIvcbkizyl5fpnqiquh254uLpkmvYwKkkNc8"
    "1hDpV02TGOian8gI6P79NUR9+ij3aryqN3FNfH10d/Sv8RvzOsm6nDPc8siSJItBrI+ZFQ"
    "duiFwhV9SR8Cnw6yEL/AU3xBYIJkLBYjYelzJP2bOHwWuGNMAx0mYbWMgHcFvTlYbjvrRG"
    "q0d/QenQli5IhnGR1ROf6hUbqkJIpz3xvtCe+QuC06meCTWbiE/QCAbi0RUCm8Q9Tz2Mz2"
    "kCvZMR4YeobQhTQgSPQM1y0fy4MjH8ySXLokskHjtmJq6eLBY0kAQzRmlSMXIoEeGtLNn0"
    "MqZosQ2qNKzBZHJcwWR1lmi2j1ykJcnPkfE+lN7n9jKYMT2MMi/t6KgMZFFKAZmoRgN5YB"
    "NC6iAM0DFExl1Gpy/O/lRnZaVlnaXba0sd7HMFyua3hUcsSV66xzA96l2PfLU/jzNLDUdo"
    "qM1kSjgZTNysWfoSlYNfxB0H/CguUtRLKdRcQDkP8ilzazzt9jGIGFceq2wx+gpTMQ0Qpg"
    "h3oYGoBOgpPIJCUTmKRuLjFpO7e5tfACsoLujiLB0QBs1SAiF01USwQqQAtxPlpsWkbi2C"
    "AUz1iYyeCESKA4OkHOi9e8A2+99RmreifuhH8cPUXJu7XxxCXBCLGRq3x2G5PpoS3UWmS8"
    "lB2/EukhxIfHxxUwhlbFRIp47UmDPjqmW24g5kPgNQxC6lieW5Bzk1GrBOyEcJooBaTbmt"
    "jLXzbMlHJ5eZFQ796epytMff317dnV7oEYBmhkeAnHoApDeAZKdsaqQk1taFh1raqkuLKi"
    "uzzeYG4w1w1Crocuo2beulpczK9AvA/7Wdkot1HXz2ETGNdp7aEokldjIT8WAYb1Q7Ly5N"
    "U62OV1UMXtqLgdFbdTxQP6wRSfUIn7U7QY1PB9TkBQIu8rcCfCpHE8TMVCrrHIMySiZSzu"
    "obPRcKdwecG8k2Wlc6JR0xQVjSzGdHdA7pntZb2ezd/j1sJAHOa8cKEHDMDxMq1ndEFMUc"
    "IpCLGJAmv2yQfuW6KIEraPUsYw9MZzb62RqMowGpBgyugBKxrGjZJdDNnZG5CxkPe4kA9D"
    "8YMHiN4P6zylu7+1MLCI3xuimDvybz2aYU08qnTyQFJK5X2l/CUV8r6Uq7V9V+uTpsZ0G+"
    "wWcmO4ziKXntS0zgj2EO6DwzdVwtUO3xTHq+G1JOIWDzW0qkgvBXqIcBuk9zqYjJo39B1D"
    "BuW0XA/BPnx5VGU+Y7OS6ldHmRm9hM7jtRAPxBTglQEXHA817O203COM7u1xpEgwdYHib2"
    "BKgMwsjstssO46vLvl2tzxdjazEyr+qE5M5q3zCm5XUq4qFbClgYW+N+Y/zpAcf6fQsRZr"
    "M5ByrQWk+xW9albA0R/Q3KJbh0SJY2R3FH+eoFcM0Zs7huchAb8lHEdiaadBUBqfFEUTNn"
    "+XWyvKhMP4RIv7mIsmXHSi3ADTg8w6uJnIYsNiCkEuG9xymRwX3a8y3ZFuuDb1tOlyQXfZ"
    "9x1oVUrjWxxyiNKZhaYs2S0UUNluzWS7dT/ks/NaqMBBQgON2relfW6/Q3eFLWjqLj5SBt"
    "7C9SEmsblcofaXicbShRQ/d0f4uddDrehXK68TNl2YnEpFD8VEegHxpiOGuKb5Tr0KLClR"
    "ZSt2zVZMONnSCr/MSGeEVUxY18Zawi+Q8bwaeYnxb0PZD5+uwA718pWxuM37jY2nnN+/j3"
    "lmt3PtzYQ6/d66J+WLSYs5qcXFgZTvBCv1SFZcHPuWbjJ0SkRlgUQ5DOHZcBgG6GCuY+hi"
    "yK2nKNXDI6Jwum/s9iG/ESMNZNTdqL2Kb1qr5j5toc5KB12bOd86rESec1hCnnOYJc8x3O"
    "VjZze1skS7pKBKspNIsgPoRImAnGm9DvKV3AYRj1aTrQVcneMWLzH9rQPk23rNUU9KqlHv"
    "yqjn2HNLi0PanAvU7QZMObQ4LqJieFs2EQqNuJRHd9l5E4Bdx/rrE2YbMXyDmVZm/S7noq"
    "QJPFx9EesN4Y98Tma+NkUDli5NWCqq3pI7h1pYa4g5JChY+Et0ZW7ArPAxv8aBDkyARnAE"
    "RR1kzeUW75NPMRS6D1QF3q060lf1Szc3Ck9Yv7SeeT7jVrD0bWMMqqpmuanjVNwC5bylMR"
    "GVG16eG77cVxPQ1ssNj1z824nr2tzw2KzKzw3PWR6aglYVXX3i5PsvDkeuHaaXBwqnmkkq"
    "+5GwdNTwD485WHYiCOzdBWWbLrBwKJkHx5l7hJroWliQKcXjLT0sTuqwKAVFFD+9N2yb6T"
    "lnY63cIr9KBfed4GsQN1oG7CpVvxtKZkmtiuXIVY4tW0ooRaiCIrT8ICQgjsv0EORWiERX"
    "y7C8hzot20Mf9fb6pLuXe/S/PvfoBaMuK9QoYk3ktInvKDjETJuqFbhOyRiLMAQuPcGDzp"
    "yfXAITz3OJZlJDxMcsRH2siBdnIJKHovwebDhjMx4ETqXia5rr/NaKZQ2JKKH94D1He/vk"
    "Bul18FbQ+0h0PwIdBZ2Tus6WBDyrJxghS88oIOwxsPwWXT7PL2SkMcOENxih8oJyM46JSy"
    "LnaSZ+iJ5VMAdN6QMLn3lA4JMR/D+CwYjZ7uDWcuBTn2PBr9EqQ3G0R8ZsAlYB5k4JWRer"
    "2WMp+H2C1O/RDe4MvCRYiqL3MmGtCSiPjIjcCB5a5FUFN9AHCRajbB/kBYlecSDex6ZOQC"
    "QPc2oBw4PotBHrpBSzTSlm4VTP1RzKRiEp11YCS1/HY4U/knbJ8eOsJHqoszWvGIuFTG5u"
    "L0X6lJe14Xkd7huSi8pKSEFfG3rFjKCsk/atk6uA0/oG6ZQL7ZNEIzkLJcGZXdFGuUTzwH"
    "V9hswCQpwI8YDgk4DuvuTOtMzFANV9rHgkjAcwEDAdV9ASuDb3oAfQbrPuzpbu8QgFOmC0"
    "liU1TEqpkPYCRaJYcw7BkUv6Tgr1aZNrLO9bxf32dv9KxCcGa6Hk4X1SSp3fl5/fh2g1dc"
    "58vepuO9Fde86cnF6dO2e+Yg9co+HLF2lcyyay+lYkWJ3mPVRnuCPKSJL5lLuMBHVnAqXI"
    "JTPfRQ5zbpM5d+7Ruxn6M0HLWYR+yLx8y8b6vrVurStGhfuYBSfNkb9zN6JXR4VssAw/vW"
    "K64Q6wvc1NtEf3QATUONTgDOtF4GWGB/Sg7ys+dwmFW8JDCn+rcK/GHbhkFx2nWHyJzLg4"
    "E6fB80da5OqZyWoMbi2N+yZoiZ5hmtCEPFDT0PcI6Gvo/3UD360ubm37zh36rqfMUr7Y7h"
    "vqJYfkIZ2KLE9TWq6HfsHmQzTLGG9K9I8yxpvnqX8kCZsf+H0t3T0pqXT3TuvuysPY11Hu"
    "lIeRm8WRD+KipIYLIpKMIaDk4Xm+zZyZEeijYfbSLgYGOO6Jabgesn44DCmz3ZP/KGMPqd"
    "2bYhLpxD5XrLk9Ld1FD92ucQKnRNppVYRTYr3jFTmuxCtyXMIrcpzlFVmtTDkn5n++vvxc"
    "mB8WF0vv6obmkX8TXNtaw3y1hIx9w/QMjPmC+z3FKoIwJXb4DIVhmq0wtdxgB2kKQ8Mdhi"
    "+WY5+vYR+JCSrCF8U/8oyZKBT/yHMc9Rxbpz7/SBhYPKSaCIAcYuGjRtg1gn5Pg24j42bL"
    "JkglXhJRJaop2LDgcN/Aat2uTs61nSILO9VsIGVrp76Tymb3jGpTw2LEBuw0w6bmSVDWlg"
    "jjHZTIe+QRwTk0EBWA8URGBNqI0xtxRHP65Zzcs4WbZ4c33b0yzDtumLumnxODWnKUErZX"
    "hvlaw7z7FJ+byzRsg+RTOT7yTwJfVgIbmxWfBr7Mws3nAMnQY3Qmg3ZSqhbYXSMlan9mR/"
    "bxOKceZvEWmJRSFUYVPa1yD3V0c9xOR4FyDz3HUS9yDyVVMbFG1hz5rLSqLdOdwZaOe1hN"
    "C2obQ3QFNODIOrWNT6xKQZlujnu5yw+dK8pT2kXnX2mITT7S9Z2AcgE4oTAJhYWfDkO8qf"
    "DV5YeMr5XIZxVLPia2QwFFLbYdUdMihqrWxpyUVCpZV3bpKoq42FPkfOgxERW4nY6GTy3V"
    "sll5edIK5HXZeZl9p5ksvfS53XaCXSFZL2/WrWffdUJNpgmwe6Z/piGOLZmdS4aMslGL1d"
    "dltqqUzroKZKykpsKceWFYJ4KaLiSEeBHk903ozEAGCIxEDLjlMGMvyPGDO2OCIR4o42lz"
    "rjrbXM/rj6l/C+IygqGO5eJAs8SlmO/y7+po+2mPtmle+b+So22aW/WvD+evzR9ubxW5x8"
    "u2QG6Y2cPhXk0XalJSuU+75j5VB2PPbpiR0WDo1yPCTsuqoe70UG9Xuq8a5prD3KHkfbU9"
    "tz7KsNe6cpGFWcn+xbu1wD+MxjO9Y3kOvmKsk1K9C+I8Pjiskr16cFicvYrXUiFwNn4H8K"
    "nkHDMXI52U6h3SLU1oORdPTEQdCpQfCiBUTTmnv4Z9bSeua53TsVkl65yOb4dpmuFHxqek"
    "KY97Av4GIlNggsOTYRhUoUt/1WQg59UPBJfRWpUK51F3MZsxgEsLeQdD73vYGWaBBQVlbH"
    "9sQqMpNSdYCUb8150yHZPHkNbvz98+Xf+C/8p6+du4y61lOyLccNnW9WD90AmzNGdh44mB"
    "yGaj2DfRGTSOquiMPpy+vTp/Nzz9evMRptK7K5hNn87+Onpsstu9XGGy+yZrkvUwCav4UI"
    "Cad9yBwZVKYkkI9fB4oHnywOBbHP5jfp/FuYQnJSG1eZqUp9GFWiFECVc4XNCHy2UtOxY3"
    "7EfBWU1hB72Y/2UOi7O/3JQPx9JfcXH5+U9R8/QYqWSYZ+g7ivIY6riC07JqqDs91A4Mgl"
    "PTGRyXVM7gro2yRKpL+zafP46PQYHVF280kLP7YqKVQ7oE3zx3MvkEWLiHYEHRfQIWaFCQ"
    "dDcihL43kEJ+RQ+9NyAW97AJzVp9jd/i1poEHiI06ZC6BFnow5ZIa/KApUjJLOCZp5YIKR"
    "OAVQ4Piz8EysSIsFUg2BMHgqWGpnJAWEquF5pv0vJ7VeWY4VXxKcOrzCGDoo1vI/vAo54v"
    "dWqzkujhrG3eXxFQPKCxK+UXSkg1ctjbIWfcQVUemTIamQzQljblzlCnOUBfz6hpFgaPJi"
    "U3Fzx60BbYQfDoq8OfXy/jRvE/ZSGj17+eXlxk40ZFjZ5atkhSUpmcnTNGEmFmll4rxmwl"
    "pozNjo9vrY84LqdGuMsjjJarpGYcE1FqcXloCEKVhbZeaMiXsK/txHVtaEhsViVCQ65gil"
    "+dv7t50sTFry5cfIf+HuFryXd6JRoNpJxePooOtUC2otfrq4UJg3xCKJkwMK0c5MENrVb0"
    "VukBES7D4jUG109ExIHJ9DvmkO8+92hQBZGhH0qD1tzKpjS2cA8s7vgOJoM/w1AJwxXiMD"
    "t0A1+MmmT09QuujGR/f5/A5Atu88fgr/8kFvn28ezqbPXfP/yRmMbMwCI8LicWv7UsfzZG"
    "X90Eu9V8x8EKjg6Dr8H13IFw2FkLsmoVFZeEaxo62h6Yo8PULGEfKXas4bwJgILR1INPWk"
    "AzFHqtIijZDoIS5Z9T/rntU0TioKZXoaozOLN69W8GNx9fnVjiJU2ltKzyeHTaXkK9Q25n"
    "jiR6k1y+gb25SwfeIiS/WOevoetXVfGLB0YVsejEdlusQLIZNUyZfXcp0MMN99VhlWMbaF"
    "WiNGaObQRgsEw7M2oa/8xblNeAnZLtXeR6K6jj4iVbRSQu07/004PjSmeSxyVnkseFMNec"
    "3wXivTsObgN63XBtky6GsrM8Lde7tNRW6orY1HXnHPS0KXWnMnBnBPu3shweH1cB/Pi4GH"
    "C8poqOyGt+DRYdAeAewMSHu+TZjWsgj0uqSsByqLsL12MzsO1ndUowp6UV+hLo2w6fGHmM"
    "rSWJdiuRbhQjx9v2phi5SvYq3nP7S7iuKh/1bdRzXNSZ0i2Cqc/kd4ZVl+YvLqyit7oz1N"
    "kvXFW5epajDRjUIIMrEO+f4XxcyVNxXOKpOM6r7YsRafU+s7ik+sS6/IkB7PX4cROCaoy7"
    "NsYSB8qqWKBssUCsE9gcG9sF9NY7KrZE2XIRBhDmjzeB2OUp/Nm/4kHJIMFYkZdHwhWrMt"
    "NHpBot3YnxLT0rmNQ+LeIStLKooRrFOQV7plRFTkFasb4MZ1Gz3Oj3iO40t+Dmb/H6UxHb"
    "pxzbhIpyx2uqDKfyD6oynFsQaK+4tRW3dicSKNdya6uCmr0rqPmNjaec379nyBfmFLNwp9"
    "vJ6Z3zQBrfHcWNqvrnpcUIe8DsS4+LNE9m6TYHpE8I9Tw2E7zWYLMaJjE84vqaxpjuIska"
    "Zp06zHMWZA6zg89R0s0org33f2vtjibUMJk+GsBVjOZDNPYqE65Ftw9ny4rwSDyk0ISxNu"
    "fqd4v98Ibho8rX51SK8qYU5e0gu9qxYQIimG2NRduMV8GHkINzMQNTTKQ3+VWNFe9MLy8Z"
    "XMuNvBzxHlp6W2LZVTq9EtEb9Qc8R1ydZHV5vKErG96ODYs2qMKFM0ey1vrZscFtegUVXw"
    "RzHJ5jhBZv/kmp3iWCtBJeoSJUn8WKpfGZXTeOJi2r9qYuj3TKGK7qG02JKf9oOu05ciVk"
    "MC1zB8SlNmcn9cIvUOKcjuZqU47U0Et3Fut2y4alqk819ZWv91eLCdwUzpe+N+Y/zqIu+4"
    "px7JvvquN6OdXXOK7jn0QNx3U03Sr6rb9NmRN6lgP+wi+X1zcMC3nAXItKMSLTYdTvTy7h"
    "c4u4DHRRj+xewyTUAScSPr27lw26aOkeihimE/t1sSvZd6RoYcLmPSSFOXx59KYSn8DRmx"
    "JCAbyYjtNPVB6qnhyREFNGexWjPdhigq4yWBfn+qbEupHvi/frTb5vsEsMXUbNPNqB4hqb"
    "GcFerDxldnUbtTUVycaGCQeU97DW3N82n5JKaO/tMNdK0EoGJD0y1SEnRmo758ATZDycwi"
    "Bo050iKz68PFhrvNNVw86Qoz6XGKtHHpoWm7zwNbmS1lhMpBcK6AaI3fDLkkA4bN5DdFsp"
    "Egh39HI90MVWbkxk8xbu02gajdmyEtpA83vb7/8P0lROzw=="
)
