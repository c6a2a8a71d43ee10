"""fabric-auth migration 6: identifiers.

Written by hand: no table changes (the models are those of migration 5), only data. E-mail
and username keys (`email_normalized`, `username_normalized`) become NFKC_Casefold
(`fabric_auth.identifiers`), where they were case-folded only. `upgrade` computes every
account's keys from its stored address and username, in Python, on the migration's own
connection and transaction; when two accounts would share a key it changes nothing and fails,
naming them (`fabric-auth users collisions` lists them too, before or after). Pending
email-verification links, which hold the key they were mailed for, get the new key too.
`downgrade` leaves the keys as they are: for ASCII identifiers they are what they were.
"""

from typing import Any

from tortoise import BaseDBAsyncClient

from fabric_auth.exceptions import Conflict
from fabric_auth.identifiers import (
    AccountIdentifiers,
    colliding,
    identifier_key,
    stored_email_key,
)
from fabric_auth.store.sql import placeholders_for

RUN_IN_TRANSACTION = True

# No table changes: the statements are placeholders (aerich wants one to run, and asyncpg
# refuses a script of comments alone). The keys are rewritten by `upgrade` itself.
SQL = {
    "sqlite": {"upgrade": "SELECT 1;", "downgrade": "SELECT 1;"},
    "postgres": {"upgrade": "SELECT 1;", "downgrade": "SELECT 1;"},
}

_SELECT = (
    'SELECT "id", "email", "username", "email_normalized", "username_normalized", "deleted_at" '
    'FROM "fabric_auth_users" ORDER BY "created_at", "id"'
)
_SET_KEYS = (
    'UPDATE "fabric_auth_users" SET "email_normalized" = ?, "username_normalized" = ? '
    'WHERE "id" = ?'
)
# A verification link holds the key it was mailed for, and dies when the key differs.
_SET_VERIFY_LINKS = (
    'UPDATE "fabric_auth_link_tokens" SET "email" = ? '
    'WHERE "user_id" = ? AND "purpose" = \'verify_email\' AND "email" = ?'
)


def _collision_message(rows: list[dict[str, Any]]) -> str | None:
    found = colliding(
        AccountIdentifiers(
            id=str(row["id"]),
            email=row["email"],
            username=row["username"],
            deleted=row["deleted_at"] is not None,
        )
        for row in rows
    )
    if not found:
        return None
    sets = "; ".join(
        f"{collision.kind} {collision.key!r}: "
        + ", ".join(
            f"{account.id} ({account.identifier(collision.kind)!a})"
            for account in collision.accounts
        )
        for collision in found
    )
    return (
        f"migration 6_identifiers: {len(found)} set(s) of accounts would share an e-mail "
        f"address or username once normalised (NFKC, case-folded): {sets}. Nothing was "
        "changed. Give all but one account of each set another e-mail address or username "
        "(`fabric-auth users collisions` lists them), then migrate again."
    )


async def upgrade(db: BaseDBAsyncClient) -> str:
    rows = await db.execute_query_dict(_SELECT)
    message = _collision_message(rows)
    if message is not None:
        raise Conflict(message)
    changed = []
    for row in rows:
        email_key = stored_email_key(row["email"])
        username_key = identifier_key(row["username"]) if row["username"] is not None else None
        if (email_key, username_key) != (row["email_normalized"], row["username_normalized"]):
            changed.append((str(row["id"]), email_key, username_key, row["email_normalized"]))
    set_keys = placeholders_for(type(db))(_SET_KEYS)
    set_verify_links = placeholders_for(type(db))(_SET_VERIFY_LINKS)
    # First a placeholder key each, so that no row takes a key another still holds.
    for user_id, _, _, _ in changed:
        await db.execute_query(set_keys, [f"migration-4:{user_id}", None, user_id])
    for user_id, email_key, username_key, old_email_key in changed:
        await db.execute_query(set_keys, [email_key, username_key, user_id])
        await db.execute_query(set_verify_links, [email_key, user_id, old_email_key])
    return SQL[db.schema_generator.DIALECT]["upgrade"]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.schema_generator.DIALECT]["downgrade"]


MODELS_STATE = (
    "eJztXVtz2ziW/isov4y9q7jii5Kse2ar7LTT8cRtp2xne2biKQkSIYkjkmBA0o6mp//74o"
    "AX8S6CJm2KwUtikTgA+QEEzv38vjPDE6ZPR9hzF/untv6JrHZO0O87FjYJ/yPv9gDtYNtO"
    "3YSrLp4YaaIRtvXRkqwcQTZxXIanLm8zw4ZD+CWNOFOm265OLaA8tdDp5wvECRCdIYw8hz"
    "BEGf+L//GgTwnC0yn1LHcfXVvGCrkLgm4/nr46HL4BAvgJtLqDHJcyou3DsBqd8nF1a97K"
    "CPfWvXX+nb8Vb0wtAo3G0OkYYUtD46DXUdDrWFAS3vsNfYQ+8ArhmcufgZEHOsUABNo1dM"
    "clGsLOvQWXl0TbE73NKXrU3QU8hc6f+tEiTLyhZ+nfPDJy6ZzwW4y/59d/8su6pZHvxIGf"
    "X3fgmUa6Bs2njGDe/wi7O7zZ153UM+a0gt7s5WimE0NLrA+/qbg+cle2uPbly8XPH0RLAH"
    "8ymlLDM611a3vlLqgVNfc8XdsHGrg3J/ydYNjYGrE8wwiWVnjJf2F+wWUeid5UW1/QyAx7"
    "Bqy0nT/PPGsqcBUjwT/H/xs8WqzZaHR1fTe6Pb8bjXYyCxMeIbWSgktTasGi1i0XcP79D7"
    "/fNSDi6g4M8P7j6c3u0Zs9AQF13DkTNwVcO38IQuxin1TM2RplvuJGC+wssli/X2CWj3Wc"
    "JoU4f+B2sA5hagHYHRN/HxnEmvO95gS9OS4B+v9ObwTWb44F1pRvOf6+dBXcORS3API1xJ"
    "ru2AZejWxGZvp3GaCzlM3AHV5Y473eNJ8d8IM3FQA/eFMIONxKAm5gxz2WwTki6CG8VZZz"
    "8WrOLGbxvwS0YfseInv4+nUFbHmrQnTFvSS+zpRCLxmE/3p7fZWP8JoihbGmT130HwQnfl"
    "tYx07Aiacbrm45+zDeSxyCgBD0bDrONyOO8+6vp39LT8H7y+uz9GkJHZylpiPGqWSm5Gd+"
    "x9VNkj8tScr01ASk++EfW/gxlEzF3cWv57d3p79+TszHz6d353DnUFxdpa7upnf4qBP028"
    "XdRwQ/0T+ur87T0xa1u/vHDjwTlw3oyKKPI6zFMQkvh5cS00y+2zrvrsY0JynVNHd6msNv"
    "crLyp0jiHMshrXWkBYxtV2Y3eaIdHVY40I4OC88zuJW/f3LY5OS5DOETRLuOYf4UQW6NrI"
    "0Z4QI1yGJyyGYIW0X2OQW5ZoAFYWDkObUO/TRtA+fB9izerTsO1rOl27LiYpzu+WSbnbb4"
    "6rZ1IIGuscYnlaRUH1SXP6hwriYrmc8pSdU/ruqgkp7goERPcJDVEzBiG3hagHXx4Z8iU0"
    "xVSvuSa66oCm4+tcI4iXHMWlQV2BiJQvOPP8BkNlvmmnMAqSyyHygj+tz6RFYC3wv+HNia"
    "5gmxcaPsl6CvrYR1fXX9iAw/RnbG+Jri768Rg7j+OXV6+/705/Odsn2hKYRv/W5P1732E+"
    "v8jTEfdljcEzxdPmKmjRKrHO7QQ5q6ErXN3jIPzfQVbOG5wAleCB4/4YXgabrL+RTd2il0"
    "VFg3Gcg5KwDhaBpRbvRXuFsQ5HDwDYIYfUS7uoYO9hB5IGyFRGeIj04sDRl0unTQTGeOe4"
    "L4ZQ62jg3938QJWvD/p4w6wkSQcFhofoh7Sw9WviO8ChgxiTkhzBHeDeLt/+Qg6JLfHQTu"
    "CRjZHptzCB4XhBHon/OXaELmYE3YGVTxQZByIriwXAkfAr3Sh9kxi/YcHuHV4cHx2+N3R2"
    "+O3/Em4jGjK29LTp+Lq7sNTgNCAHbItyy2Z/q8EN44VTMgV9n+XreL8f8cHh4dvT18ffTm"
    "3fD47dvhu9cR2NlbZaifXfwCwCckgHAmUsjL+mskiJSyYqOygu9fC8rkF3iSTi3xeks8QF"
    "F2kafI1DLPXeYZ0eGl2a3zByLYxhJ2y29Sh90iQFnRP/Ta4swQmXpMd1dIEHKGhP9wiYV0"
    "S/AvDn9Cfo5jy8G+zwOO+BprLhgXRqaUaU7WN7TR3sEvVPh4zigzOfsEa95nrtCuQ0jkGe"
    "rsCxjGeydoDG3GaEofgBnzWTwKzBTyvyDgx+6tsc3Ig/iExgMxdkAWeKcCk4hd6P4beoUO"
    "eBuHIsJH4C85AF6PPvC/wOWVEf6gBF6ePx4nu7cmjOBljA2EjtwF/4ffbYPJK9unq/J5Ac"
    "vWdTbvWfbnYmZQ+phs9Hz8YSZgDTid8n2E1TKmpEifx12lIybgrbOm+MeAFA8UUbTF/vTJ"
    "L5t67pTKebPGSHro0Nq8JzZfkJwnl/W1SlL1zyDYvJuVj1geH7QJ5VxeqCmM+7RbuJhxzl"
    "R6LafI1GLevJgDyORWc4JILeeNy1m3gRXh3EpOrEExykkqpWPZCLOwMuI5ybMZFsOcpOod"
    "zMODKnsGb1UItLiXdojh7+nIbhtJqt4hfXD4rgpLd/iumKeDe6l4RuJi3ZCKUYqRdCNICY"
    "btTZBSpLWTWfkJoh4KM83v5bIIK3C3yBjxgWDXY2SnyBIR3h9ImSFmPlVFE8QtNYm7AKW5"
    "bWDLQXOGLfcEYcQvEwZZG0xwn0G7Y6yPgvXDSZ3xnp9mYoptPNENMDHsjh2HjveyhoiWxn"
    "iC9n5KNblIrKC9yjxQsGMVq+q7H7z9THxRK6Hb/EXluPygfe/Qbf7oVWHYxdDzF9Qgn1Cw"
    "d22JBSTYZjMGEAmeIKbJfyCM6Vpe3oSzgPTDpxti4ALzSPygv9RN3b0OOtzC9VDkk5uUGP"
    "jZPzLgTZuA7DPvTcDWJ7ha5zgvNGLa1CXWdFWWGi3VTI7/1NfEEqnSwC9YOPuiwN7l5zP7"
    "5lGXM4AcKc8UbZFDOKco0oZhC8XGgjxmA+EADF8m+nh39xk8PzLMaFsDQW4zx+b0RDic+E"
    "MEqh40p+5P4JVCXLaKcp753jeQfo0zsA4428BMI/Bm5tsrPJb/OPzB761d8HDxLAu4aN8v"
    "xnPJHsJzvn720RXvybEhyApNVsjxJv8iU1c8YyANFDHMX3eCxqMl/xigUfg70Gn55KOQAe"
    "ZP66dPUz4y3XDRKPGRSU1sVRYxTddDVULz9qPUV1M1eC9B1WQiwW6ccE+M2ktvPlVXcJqu"
    "hyu4eXFnSaQCqIPmPYS2nRRrLodDahcOCXqIcPM+PyLEryDEt4zjSNLV8g7tmqPEy8RPmP"
    "khqqWRKxGNilqpGZgVyr8S8XAhiVrrdVFnxORPAM8lhXyCTKFfH32HC8u1cvrECFVKny47"
    "oc/4ixJmM13OgylF1j+3xzZSZPkqqxGwm16OXrZkO8tQ9mhTe2IUew7AC4I1wqQcmPJon+"
    "TJ1DGsn9tlKcJzQrUcWfdMtzBbbZiKkDQ1D5OV6xuCejMDZwGo0QzwCTi7uDq9+Xs0BdGh"
    "cXl99ctZziSc/f3u/FRZVX/EI3y7kluraMHqs9wlB7qk3bzImpmxrksYM4W8PErY+iuUfU"
    "KCDELlRQ2lHHucH4f+qFuOb0XUXUc4x/3JgZREfDHDRbDzwcWcsk9tjFDfPKhMgl0SlpVJ"
    "sNqUKJNgR7gbmUTpSuX5bPtIzHWLMJ1K7Rhriv6pYVowXymh6AdxNc1zb5CLHkxS9fAkbi"
    "nOJ4N7FvR6CXVjUTpbhnuRH+oglUo3ueQ6l0L3UreWd3RJijPorlsMJKU/a8nlIU5YWfLz"
    "c9u+8sANFAiRiXVDFL9FGEF/J8jGjvNIGWSqdYg7QGAYNBAXx/SZ7pfMHSDIqvMg/s4T/p"
    "ofBNK7iQLBICaGBYLXVYHR+9ATFdxU+XUQOvm6gTxs1MIGGn/5DFsq2t/fR799PL85R0FF"
    "GnRxe29dfbm89DO34eCB+aMtoZcpQQv6KGRRPsmr0GGWi6rw3JYLw4msbYG3rElNfrVOlW"
    "DbY3z/JiXFf8WTSce0JqlUgFiBzalYKA0nRoa7XJP08ABsXhQVH78MwBFBL+Gt4t/HW5UA"
    "nPHvC7fbUU3bdRF9D/FXkXrd0Lp0SVzqoU1JTXPNaa5ZBlFVQNye+X2ZWkxb9NFuVTGmju"
    "L69GpML6nToHPdulsw6rpGiWU70Wogp9sA2pEbEFfUb3zw9QwOX0uvwLIswk8hlNYiKCi0"
    "BClbZoyavorA0EGID/L3+VGzoGGA4j5ZxUajvYNG41zknA+T2YNyJEdnMU4nsAdy6rnjPa"
    "GxEMOC4oN/MisHke8coHvrcSG0LtYKYdclps1HxYzpDwS0FaDWGCDIps/vWx4UI4Jo3qhM"
    "UYm1fUptFWfbRWNYiVE9nLPK1vSQoIfCXfO2MRWXGEB7XCku8bgkLvE4G5cY7l5ZiIvjtm"
    "IkvYncaszhe8bPsDD7WkVA4yQK0EyQm38aywAaJ1GA5gHKRWXganJ0wuVCdppWSdpdlrRF"
    "Db5gu66hUckhV6qzzk14l/yxISnXTpGwKm4OpGRUkS60quUdxtTQxLM0Q+R0Cv2g/ZRjaH"
    "c8Y4SMB2hss9wspbV6aLiCWLEKrHnt12bRLZbEWowE/xy/RAbrjQ6ixdKZyvTamtlNZXZt"
    "M2OM7kSPncH4jFKDYKtgp0gQpgMVOWVbaEdXnjlS8fr6MnFAn12kdDhXX349O7/ZPRDw80"
    "a6m1DtJDAXPlE5y3oT5Gu6Z0Q83E22FnBluS/eYvrr+OzZWs1ZT1KqWe/KrOdIJ1FCW+nM"
    "yipHcNWUyo43iTpvArDbWH99wuxZBF9/pZVJv9FalBSBY1mzNwvCH+kjMr3pwk9rHIqwWI"
    "T5+pU3HGQThvwIrZ/CO5CUmHquXzobGRwav3B2PH9wQlxucZxc06gdqA9UyPFWWUdVwObz"
    "zcILBmzWE89Navlb3zYaplX43jPpmcQRKKctjZEoh8Fyh8HoXG3AYTBU8W8nrhsdBmOrKt"
    "9hMGd7aApaFWX6wh6ZnxmdEsch2vkDsUr4/GQzSWY/JB4RoK5q+rIQ+e4SBj6Ngg7tcmYb"
    "r0xRwIRMFpQu9xA2QLWwQgsM5i0tiMZkhKOsCzdJiPZc6rZNtBzbWCtD5LtAUo/5X4MYCJ"
    "aDYvU7xGSWOEJGM1fZEzKiUIxQBUYo+iAkII7T9BDkw+GwiultOCw2vcG9dG3jcBuW11Cn"
    "aXuoo95enXT3PGZuyIy/zaI8fUWikRxHwXxSqSQW1xYESzgegeQRgtxP2jBAS2K7kGQiTB"
    "BBLWM14DfRTA9CLxy+9nUR+aAhx6ZQAc1zcrSHLY3xBHcclf3hRbI/rMs9Z2Ev5NuSRM/n"
    "4ts+C9eYl6+yrPf2/EpYAP29UDbJZIJKacjKNWQBWk1pcm7X3W0nuhs1Ocnl1TlNzg15oH"
    "4KrBKOK2oiy2+FhNUzhgXsDGWQM4uhxwV1RLwrv+4zRQ4yPceFXFy2SJwF0agTMqMiyTNZ"
    "IT+9RW6isKb6hmjaG6hKO1mBAgh0OcFqR7sYyDET2acHkYH3hmi6M4D2NjUM3u0eJ+FsHH"
    "BwuvXKJCblvTjE5X3f0EeInyXwkAY8mkgMNl6n7RijXTASQ0RCkAIsyiQWcJHrZ0brObi3"
    "ptQzOJfo6obBm6AHbOjaHuL8mkiQBjoq4CJhaNtjfMlAB4XZsJUaaivUUEEGZQGkBCufpu"
    "uhtqR5I6hKct1CkmvYwJa1ePckpeLdO827b1c+K1UjZUs1jLQkgYy4Kcnh0srZYsKIOs7k"
    "gZegTZip+/xo4B+4Owau1DmB+mUQV8eITZnrnPxXWXxe7d5UrF4nzrlizu1lA8p6qHZdQx"
    "t/LAmEU2S9i9wbVorcG5ZE7g2zkXvrnUmq3GOK7EmVHuthvt5CJp5uuFzC34fxXmIXaaUA"
    "pO6MghfLkc83xPfFCFVIpYrw+4FjvVSE3484641G+AWpFkdBUkdRZ6OR+DW/31O/21C42b"
    "IFUinyT+QubQo2yPPaN7Bal6uTa22nSMJONRtIydqp76Sy2G3i6UK3CIIyAlPdxsYJWlD+"
    "ZkgI75yJXEKkHqyhgci2ChYZ4WgjrDfCRHP6+QItycrJk8Ob7l4J5h0XzB3Dm0uZUoL2Sj"
    "DfKJh3P4nO8/nytpFGRyk+8i2BryuBDc2KrYGvs3DTRw7JyCXYlEE7SdW/iqGtrOxQPp7k"
    "5EcuPgKTVE84CjsGeDOWV5UASqmHurKit1RRoNRDP+KsF6mHkqxYUHC01sxnqVXy6e5Mtr"
    "TfQ6wEga2PQBXQgCLr1NY/+fUftnLey1V+oFxRmtIuKv9KXWzyka6vBJRzwAmIo/JJoKcD"
    "F28sdHX5LuMbKfLj9pOPCe2AQAXvb4fXtPChqnUwJykVS9aVU7oKIy7OFDkdeoxEOW6nve"
    "FTW7VsVF4etQJ5U3Re5txpJkovbbfbTrArBOvlrbrN+a1YwMk0AXbP+M80xLEts3PBkGE0"
    "ajH7GkWrSvGsa0fGSmyqX/LzRJT1DBJCvPLj+2bY1CEDBHgiQnweFRF7fowfHxkCDMGgDN"
    "bmXHa2uZ43m6m/xmvKxmJxeLPErZju8p/KtP2ypm2cV2CjxLSNc+tq9MH+2rxxe6uSe2xL"
    "/T5G3Zoq1CSlUp92TX2qDGM/3DSLGotevVRzaVo11Z2e6u0K91XTXHOaOxS8r47n1meZn7"
    "WOnGdhlrJ//m7NSxJCeMZzkqfgK8Y6SdU7J87hwWGV6NWDw+LoVbiXcoGz4Tvgn0qOmbkY"
    "6SRV75BuaUHLqXhiJMooUG4UAKiaUk5/CfraTlw3Kqdjq0pWOR0/DtNphp/on5JOedwT8J"
    "/BM4UvcP5k4AZVqNJfNxnIafV9wshbq1JpCuysTJNwuKZB3sFA+x50BlFg++huAQn4JgZv"
    "tMDGDApFiJ/OgmgQPAZp/f7626fbn+CvrJa/jVHuLZsJd8OorePy/UNDxJqylQ0WAxHNhq"
    "FvpBHemF+aMWqi8YfTs5uL96PTL3cf+VJ6f8NX06fzv4+fGuy2lEv9v2wy638Pg7CKjQLY"
    "mFPGJ1cqiCVB1EPzQPPJA/1vcfSvx2UW55I8KQmq50+T8jK8UCsJUYIdDjb0UbStZefijn"
    "wvsNUUdtCL9V+msDj/2135dET6isvrq1/C5uk5UsEwP6DuKIxjqKMKTtOqqe70VDM+Caym"
    "MjhOqZTBXZtliVCX9mW+eNn2QqkvVdtdRu5Ll5mv4tIl8s1TlokngMI9ohT4PuISKBEZ5X"
    "fDhNBLHVLIr9ND7w2QRV1ogrNSX+ND3FszX0MEIh2kLoEs9EFLSGvyQEBKNP0889gSLmUC"
    "sMruYfGHAJpYImzlCPbCjmCpqansEJai6wXnm5T8jqqYGY6KrQxHGSODShvfRvSBi11Pym"
    "qzpujhqm1eX+GneABhV0ovlKBqxNjbIWXcQdU8MmVpZDJAW9MFZSMN5wB9a2LDKHQeTVI+"
    "n/PoQVtg+86jR4dv30R+o/CjzGX09tfTy8us36io0VNLFklSKpGzc8JIws3M0mr5mK3JlL"
    "DZ8fmt9RHH6dQMd3mGQXKV5IxjJIotLncNAaiy0NZzDfkc9LWduG50DYmtqoRryA1f4jcX"
    "7+9eNHDxi8Nvvgd9j9C15Cu9Eo0GUkovD0hHU5+2otbriwUBg3SGMJoRLloxyIMbSK2grd"
    "L8RLgEitfoVDsRHgcG0eaEoW8edbFfBZGAHmrKW1MrG9LYwhhQ3PE9XwyeCa4SuiPI+erQ"
    "dHgxbKDxl8+wM6L9/X3EF58/zF/8//4bWei3j+c35+uff/4LMnRThyI8DkUWvbcsz5yArm"
    "4G3U49xqCCIyP8a3BcZyAUdtYKrVuFxSX5vSko2h4I0/jSLMk+UqxYg3XjA8VnU/M/aQHN"
    "SPC1KkHJdiQoUfo5pZ/bPkYkDmp6F6q6gjO7V/9WcPP+1YktXlJUStMqjUen5SXgO+RO5p"
    "CiN8Hlz3A2d8ngLVzyi3n+Grx+VRa/eGJUEYtOHLfFDCQxsW7InLsRQQ8P3KPDKmYb3qqE"
    "acyYbQRgfJtmJjb0f+dtyhvATtH2znO9FdRh85KtIhKn6V/46cGwkk1yWGKTHBbCXHN9F5"
    "D3zhzcBvSa7tgGXo1kV3marndhqa3UFbGx4zxSzqctsLOQgTtD2L+d5XA4rAL4cFgMONxT"
    "RUfkOb8Gi45w4B64iM9HyZMbN0Aep1SVgOVQd1aOS0wu25t1SjCnqRX6EujbjM70vIytJY"
    "F2a5JuFCOHYXtTjFwFexWfuf1NuK4qH/Vt1nNU1JnSLSJTn0HnulU3zV+cWHlvdWeqs1+4"
    "qnL1Q842x6BGMrgC8v4JzsNKmophiaZimFfbFzzS6n1mcUr1iXXtE5MwNqpCcrKF5KCGXH"
    "OZui55b71L05Us6rOuZfFErGLFNPqIVKMVCsGM37O6MO1nf4tAK3OOqFGDUCQJlCo8KGLz"
    "N1cbLGqW6+QbZnXMrSv4NV5mJ0xqKBdUr5x54Z6qNqjUIKra4Bb4E6sUwiqFcCfixDamEF"
    "Z1A3tXN/CU8D8XhXxmcHszl4nXDTvje/ujMIFPLElWzN49EBbKuVU1oTGSHrrbtuI3BF+W"
    "BMJB8x6i20oOGj6im1tupNhhIkai0hJLuka8aHjJH/8PVjjloA=="
)
