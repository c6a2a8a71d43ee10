"""fabric-auth migration 8: oauth.

Written by `fabric-auth db makemigration`; holds the SQL of every supported dialect.
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

SQL = {
    "sqlite": {
        "upgrade": 'CREATE TABLE IF NOT EXISTS "fabric_auth_oauth_flows" (\n'
        '    "state_hash" VARCHAR(64) NOT NULL PRIMARY KEY,\n'
        '    "provider" VARCHAR(32) NOT NULL,\n'
        '    "browser_hash" VARCHAR(64) NOT NULL,\n'
        '    "code_verifier" VARCHAR(128) NOT NULL,\n'
        '    "nonce" VARCHAR(64) NOT NULL,\n'
        '    "redirect_uri" VARCHAR(2048) NOT NULL,\n'
        '    "redirect_to" VARCHAR(2048) NOT NULL,\n'
        '    "link_user_id" CHAR(36),\n'
        '    "created_at" TIMESTAMP NOT NULL,\n'
        '    "expires_at" TIMESTAMP NOT NULL\n'
        ") /* A sign-in started at a provider and not finished yet: what the "
        "callback needs, kept */;\n"
        'CREATE INDEX IF NOT EXISTS "idx_fabric_auth_expires_d1c154" ON '
        '"fabric_auth_oauth_flows" ("expires_at");\n'
        'CREATE TABLE IF NOT EXISTS "fabric_auth_oauth_accounts" (\n'
        '    "id" CHAR(36) NOT NULL PRIMARY KEY,\n'
        '    "provider" VARCHAR(32) NOT NULL,\n'
        '    "subject" VARCHAR(255) NOT NULL,\n'
        '    "email" VARCHAR(320),\n'
        '    "email_verified" INT NOT NULL,\n'
        '    "created_at" TIMESTAMP NOT NULL,\n'
        '    "last_sign_in_at" TIMESTAMP,\n'
        '    "access_token_sealed" TEXT,\n'
        '    "refresh_token_sealed" TEXT,\n'
        '    "token_expires_at" TIMESTAMP,\n'
        '    "user_id" CHAR(36) NOT NULL REFERENCES "fabric_auth_users" ("id") '
        "ON DELETE CASCADE,\n"
        '    CONSTRAINT "uid_fabric_auth_provide_0c12e2" UNIQUE ("provider", '
        '"subject")\n'
        ") /* An identity at an OAuth \\/ OpenID Connect provider, linked to a "
        "user: sign-in finds the */;\n"
        'CREATE INDEX IF NOT EXISTS "idx_fabric_auth_user_id_facc99" ON '
        '"fabric_auth_oauth_accounts" ("user_id", "provider");',
        "downgrade": 'DROP TABLE IF EXISTS "fabric_auth_oauth_accounts";\n'
        'DROP TABLE IF EXISTS "fabric_auth_oauth_flows";',
    },
    "postgres": {
        "upgrade": 'CREATE TABLE IF NOT EXISTS "fabric_auth_oauth_flows" (\n'
        '    "state_hash" VARCHAR(64) NOT NULL PRIMARY KEY,\n'
        '    "provider" VARCHAR(32) NOT NULL,\n'
        '    "browser_hash" VARCHAR(64) NOT NULL,\n'
        '    "code_verifier" VARCHAR(128) NOT NULL,\n'
        '    "nonce" VARCHAR(64) NOT NULL,\n'
        '    "redirect_uri" VARCHAR(2048) NOT NULL,\n'
        '    "redirect_to" VARCHAR(2048) NOT NULL,\n'
        '    "link_user_id" UUID,\n'
        '    "created_at" TIMESTAMPTZ NOT NULL,\n'
        '    "expires_at" TIMESTAMPTZ NOT NULL\n'
        ");\n"
        'CREATE INDEX IF NOT EXISTS "idx_fabric_auth_expires_d1c154" ON '
        '"fabric_auth_oauth_flows" ("expires_at");\n'
        'COMMENT ON TABLE "fabric_auth_oauth_flows" IS \'A sign-in started at '
        "a provider and not finished yet: what the callback needs, kept';\n"
        'CREATE TABLE IF NOT EXISTS "fabric_auth_oauth_accounts" (\n'
        '    "id" UUID NOT NULL PRIMARY KEY,\n'
        '    "provider" VARCHAR(32) NOT NULL,\n'
        '    "subject" VARCHAR(255) NOT NULL,\n'
        '    "email" VARCHAR(320),\n'
        '    "email_verified" BOOL NOT NULL,\n'
        '    "created_at" TIMESTAMPTZ NOT NULL,\n'
        '    "last_sign_in_at" TIMESTAMPTZ,\n'
        '    "access_token_sealed" TEXT,\n'
        '    "refresh_token_sealed" TEXT,\n'
        '    "token_expires_at" TIMESTAMPTZ,\n'
        '    "user_id" UUID NOT NULL REFERENCES "fabric_auth_users" ("id") ON '
        "DELETE CASCADE,\n"
        '    CONSTRAINT "uid_fabric_auth_provide_0c12e2" UNIQUE ("provider", '
        '"subject")\n'
        ");\n"
        'CREATE INDEX IF NOT EXISTS "idx_fabric_auth_user_id_facc99" ON '
        '"fabric_auth_oauth_accounts" ("user_id", "provider");\n'
        'COMMENT ON TABLE "fabric_auth_oauth_accounts" IS \'An identity at an '
        "OAuth / OpenID Connect provider, linked to a user: sign-in finds "
        "the';",
        "downgrade": 'DROP TABLE IF EXISTS "fabric_auth_oauth_accounts";\n'
        'DROP TABLE IF EXISTS "fabric_auth_oauth_flows";',
    },
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.schema_generator.DIALECT]["upgrade"]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.schema_generator.DIALECT]["downgrade"]


MODELS_STATE = (
    "eJztXet32zaW/1dw/GXsXcUbO3aadWf2HDt1GjepnWM723biORIkQhJGFMDyYUfT6f8+uO"
    "BDfIugSZti8CWxSFwQ/AEE7vv+sTPFY5tOhthz5/unFv1AVjsn6I8dhpdE/JF3e4B2sGWl"
    "bsJVF4/NNNEQW3S4ICtHko0d18YTV7SZYtMh4pJBnIlNLZdyBpSnDJ1+ukCCAPEpwshziI"
    "24Lf4Sf9zTCUF4MuEec/fRFTNXyJ0TdPP+9MXh8WsggJ9ASx3kuNwmxj481uAT8VzKZq08"
    "4Y7dsfOv4q1EY84INBpBpyOEmYFGQa/DoNeRpCSi92v+AH3gFcJTV4zBJvd8ggEItGtSxy"
    "UGws4dg8sLYuzJ3mYcPVB3DqOgYtQPjNjyDT1Gf/fI0OUzIm7Z4j2//ENcpswgX4kDP7/s"
    "wJiG1IDmE5tg0f8Quzui2Zed1BhzWkFv1mI4pcQ0EuvDbyqvD92VJa99/nzxwzvZEsAfDy"
    "fc9JZs3dpauXPOouaeR419oIF7MyLeCR4bWyPMM81gaYWX/BcWF1zbI9GbGusLBpliz4SV"
    "tvPXqccmElf5JPjn6P+CocWaDYeXV7fDm/Pb4XAnszBhCKmVFFyacAaLmjIXcP7jT7/fNS"
    "Dy6g484O370+vdV6/3JATccWe2vCnh2vlTEmIX+6RyztYoixU3nGNnnsX67Rzb+VjHaVKI"
    "iwG3g3UIUwvA7izx16FJ2EzsNSfo9VEJ0P9/ei2xfn0kseZiy/H3pcvgzqG8BZCvITaoY5"
    "l4NbRsMqVfVYDOUjYDd3hhjfd603xywA9eVwD84HUh4HArCbiJHfdIBeeIoIfwVlnOxas5"
    "s5jl/wrQhu17iOzhy5cVsBWtCtGV95L4OhMOvWQQ/unm6jIf4TVFCmODTlz0bwQnfltYx0"
    "7AsUdNlzJnH573HIcgIAQ9Lx3ndzOO8+7Pp7+mp+Dtx6uz9GkJHZylpiPGqWSm5Adxx6VL"
    "kj8tScr01ASk++EfW/gxlEzF7cXP5ze3pz9/SszHD6e353DnUF5dpa7upnf4qBP0y8Xtew"
    "Q/0d+vLs/T0xa1u/37DoxJyAZ8yPjDEBtxTMLL4aXENJOvFhXd1ZjmJKWe5k5Pc/hNjlf+"
    "FCmcYzmktY60gLHtyuwmT7RXhxUOtFeHhecZ3MrfPwVsavJchvARol3HMH+MILdG1sI2EQ"
    "I1yGJqyGYIW0X2KQW5ZoAFYWDoObUO/TRtA+fB9izerTsO1rNFLVVxMU73dLLNTlt8dds6"
    "kEDXWOOTSlLqD6rLH1Q4V+OVyueUpOofV3VQSU9wUKInOMjqCWximXhSgHXx4Z8i00xVSv"
    "uSa66oCm4+tcY4iXHMWlQV2BiJRvPPP8FkNl3kmnMAqSyy77hN6Ix9ICuJ74UYB2aTPCE2"
    "bpT9HPS1lbCur66HaOOHyM4YX1Pi/Q1iEtc/p05v3p7+cL5Tti80hfCN3+3putd+Yp2/Me"
    "bDDot7jCeLB2wbw8Qqhzv8kKeuRG2zt5aHy/QVzPBM4gQvBMNPeCF4BnUFn0LZTqGjwrrJ"
    "QM1ZAQiHk4hyo7/C7ZwgR4BvEmTzB7RLDXSwh8g9sVdIdobE0wkzkMknCwdNqe24J0hcFm"
    "BTbNJ/ESdoIf6f2NyRJoKEw0Lzj7hjNFj5jvQqsMmSLMfEdqR3g3z7vzgIuhR3B4F7AkaW"
    "Z88EBA9zYhPoX/CXaExmYE3YGVTxQVByIrhgroIPAa30YXbMoj2DIbw4PDj67ujNq9dHb0"
    "QTOczoynclp8/F5e0GpwEpADvk9yy2Z3RWCG+cqhmQq2x/L9vF+H8PD1+9+u7w5avXb46P"
    "vvvu+M3LCOzsrTLUzy5+BOATEkA4EynkVf01EkRaWbFRWSH2rzm31Rd4kk4v8XpLPEBRdZ"
    "GnyPQyz13mGdHhudmt83si2cYSdstvUofdIkBZ0T/0iglmiEw8m7orJAkFQyJ+uIQhyiT/"
    "4ogRinMcMwf7Pg844mvYTDIuNplw23CyvqGN9g5+odLHc8rtpWCfYM37zBXadQiJPEOdfQ"
    "nDaO8EjaDNCE34PTBjPovHgZlC/hcE/NgdG1k2uZef0Gggnx2QBd6pwCRiF7r/Hb1AB6KN"
    "wxERTxAvOQBej9+Lv8Dl1SZioAReXgxPkN2xsU3wIsYGQkfuXPwj7rbB5JXt01X5vIBl6z"
    "qb9yT7czEzqHxMNno+fjMTsAacT8Q+YtcypqRIn8ZdpSMm4K2zpvjHgBIPFFG0xf70yS+b"
    "e+6Eq3mzxkh66NDavCe2WJCCJ1f1tUpS9c8g2LyblY9YHh+0CeVcXqgpjPu0W7jYFpyp8l"
    "pOkenFvHkxB5CpreYEkV7OG5cztYAVEdxKTqxBMcpJKq1j2QiztDLiGcmzGRbDnKTqHczH"
    "B1X2DNGqEGh5L+0QI97TUd02klS9Q/rg8E0Vlu7wTTFPB/dS8YzExdRUilGKkXQjSAke25"
    "sgpUhrp7LyE0Q9FGaa38tVEdbgbpEx4q3Usu8UGSKC2wMlI4SvuVewPwSqfqkX97Xza3eK"
    "pedIfwxIHMHRw1zqz8kKLQixwISwJEtur07iJoMpyUtT0daDwCrxi6pJAzPGPfnYXRzLUz"
    "GQZgNTwGSZmCFu3zGHzph4gxeQIsOn3/s+MGSEYxcdYMMJTRVO4F4CP8ECLu0WI+R7tZiU"
    "GHdsd20pCeZqtBekz8A28d1SjKCbUdBi//r89vzy9uLqcvRYu0V7mnNtuahiuXC5RSdKQm"
    "ZI0MMtvXk53sIrk+McdvyWfC1Y4DGSXkBcZo44//W2nBOMrBEfry5/DJun2cNtDlfXhqHq"
    "hqEu8UrvxFLx7GJmKbyvxi1NfaqK7NINX4rzFhwMgENw0ExwGe6JYBvEZWLDqb0EV2O0O8"
    "J0GCxVQSoOeD8l1wRbeExNcMcQXIDDxcGf4ZRaesYjOIYJN9Si1oP2OktTgXRXzBx0P9HN"
    "E+mQWklzI15UTSMatO8dus2rKbaLB3hajhcERMi9GOxdW8IUBNvsY3iCmNeDEJltauTlmD"
    "oLSN99uCYmLnAliR/0H+mSuldBh1u4Horil5JijDj7hya8aROQfRK9Sdj6BFfrHOeFQZYW"
    "dwmbrMrSyKaaqfGfdE2skFYWYqhkYBQKfIP83K+/e9wVDKBAylvKtsghglOUKVYxQ7FnQc"
    "7XgQyWgi8Tvb+9/QQqqwwz2taDIA+sYwl6IjVl/iMCsxiacfd7UMUR115F+WF9tR7o4QQD"
    "64BCDWZaauHE9grD8ocjBn7HdsEb2GOgugsUc55L9hCeifWzjy5FT44FAelovEKON/4nmb"
    "hyjIE0UMQwf9kJGg8X4mOARuHvwP7nkw9DBliM1k81q/2Ju66VS09sVRYxTdcLBVLbOrrU"
    "V5OAuiTRQYKqyaTL3Tjh8uBVyHCQ3nyqruA0XQ9XcPPizoIoJZsJmvcQ2nbS0boCDqVdOC"
    "ToIcLN+0fLdAgF6VDKOI4kXa1Imq45lT5PrOkyP51HaZRvRKMjfGsGsYfyb3XQIxK91uui"
    "bpOlGAGMSwn5BJlGvz76jhCWa+U/jBHq9Idds8sm+H7xosS2bKrm7Z0i61+ISBvpRH2V1R"
    "DYTS9HL1uynWUoe7SpPTLjTw7Ac4INYis5e+fRPsrru2NYP7V7d4TnmBs5su4ZZdhebZiK"
    "kDQ1D+OV6xuCejMDZwGo0QyICTi7uDy9/i3fr+osZxLOfrs9P9VW1W/xCN+uQiDagW47He"
    "iSdvMia2bGuq5gzJTy8jBh669QIhNJMkgrJOtN5tjj/JCBB8oc34pIXUc6x/3FGchQAXDI"
    "l3Y+uJhTIrONJ9Q3D2qTYJeEZW0SrDYl2iTYEe5GpaiMVnk+2T4Sc90iNuVKO8aaon9qmB"
    "bMV1oo+kZcTfPcG9QyLSSpengStxQTncE9C3q94gOxKJ0tw73ID3WQKjuQXHKdKzfwkbLF"
    "LV+Q4moD6xYDRemPLYQ8JAgrS35+HYAXHriBAiFaYmpCiJODMIL+TpCFHeeB25DV3yHuAI"
    "Fh0ERCHKNTGoVtT1x6L//OE/6afwgEncMuK8XEm/enLw6PXyPqIMcV34Sxj96Gnqjgpiqu"
    "g9Ap1g3krOUMm2j0+RNsqWh/fx/98v78+hwF1fvQxc0du/z88aOf5RYHAxZDW0AvE4Lm/E"
    "HKomKSV6HDrBBVYdzMlWHm7tpbdsmX4mrF8K8viYI3ni3270BUzZVN5ciU838kqXSAWIHN"
    "qVgoDSdGhbtck/TwAGxeFJUfvwrAEUEv4a3i3ydalQCc8e8Lt9thTdt1EX0P8deRet3Qun"
    "RJXOqhTUlPc81prlkyWleL3p75fZ66lVv00W5V4cqO4vr4ypXPqdPgM8pu5zZ3XbPEsp1o"
    "NVDTbQDt0A2IK+o33vl6Bsgh9wIsyzL8FEJpGUFBUUpI2TK1+dJXEZgUhPgg17EfNQsaBi"
    "iEmFVsNNo7aDTOZVq7MEseKEdydBajdLEfIOeeO9qTGgv5WFB8iE9m5SDyVQB0xx7mUuvC"
    "Vgi7LllaLmS6s+k9AW0FqDUGCNL0ifvMg8KNEM0bpQYssbZPuKXjbLtoDCsxqodzVtmaHh"
    "L0ULhr3jam4xIDaI8qxSUelcQlHmXjEsPdKwtxcdxWjKQ3kVuNOXxPxRkWZl+rCGicRAOa"
    "CXLzT2MVQOMkGtA8QIWoDFxNjk64XMhO02pJu8uStqxXHGzXNTQqOeRadda5Ce+SP/bVqf"
    "j31JfUdoqE1kSjgZLMyv2atD5tVZO8TN4kNiwXZDXI5SQHgP4HXVmEXfwApm0GvtOWze9F"
    "S3sgLehCDnXBXA1KgpNQJEVTsUid3LRS7TzmjsENyOm0OwoJRwMhq/peoiCiMmk8Fy2kza"
    "5YtAzJoUFAnpEwkwbzkKDYYq6mxWtegbdZ+ozVLJFPgn+OnqNgyUYf1xIDeWzmKtsTYzQ9"
    "lIVa89ZWkuPXJD2E+PD4uEoanOPj4jQ4cO9ZHRE6xls+gR+CxGvou3mRPLUg5ybBrATsBH"
    "E6zFVQt7WwoytPHOd6dfUxwd6dXaTrA3z++ez8evdAToNoRN2EYlC7IXwDTHZGqgJObUhZ"
    "XakqSa6l6C7PtxA3iOP4bsBDh2Azb18tLsVSQN6H86xsltuoymKTqZjXee2pKKLXc6E+Fz"
    "6G9V2y8uj1PtjlfVD77Wi/He23U0UD+s6Un1CJ+lO2GNTQfU4FoUIskq9OFIvGdiE8yEU4"
    "0j9KbxnGXVA2Umcubq+IexLVqUQTbJoyHz0jxHAGaEEsN6v1bP4ZdwwccYj9whE9gAOOm2"
    "m9xCtkygT8votN6Fizj95xj8kU+NA+DGMC1xvXuWMjmVN3NED+kjGQdOIBv1G0Cy47ewM0"
    "lvQul/RjKH4pk2SIAYTvB1n6093fMXAs4gsqS3HOuVgtjy5pCUNVjkVKUulYpJS+pEIskl"
    "a1tq9qDb4r5dWdpush2C3ExnCDhCo9pWWdIewh3AeHb6q4qx2+KfZXg3tJxBkPOLSqSEcE"
    "PUS4jZSlhhAZJ+7Qs6kKymm6HoJ9+PKoynqGZiW1C44yKzqCzuW1EPfJNOCVAZd5B2rI22"
    "m6Rwjd26NIUcgepS00dQDeOk3VdgWK6uSj2+nsBhUod4q0PPLmQEnBI2tjV1XtwDMNNPaY"
    "YcoChmHST7++JtodTW0Cqg7wGssryV2rh0foM7Sn2FN4iumy5q2JHbqMeZvl0agTDTuDca"
    "nLUpJQuyspuCsJ6GQCsJxlvQnyNd0TIh7uJlsLuJY+ireY/mb59Cyj5qwnKfWsd2XWc6ST"
    "qHp7ReEkldA6J7jxLKB79+GamDJHY84iSEscH8NU11u2EIos/2kP/ajzJgC7ifXXJ8yeRP"
    "D1V1qZ9ButRUUReLj+IjYLwu/5A1p6kzkIsDgSYbGsaYFmNmaQSZTYyE9H/n1454GKVeGB"
    "p4ItOjAFNDLaKuwgKy63+Jz8YK1AfaDra2xVKhBdneDpZuEZqxPUE8+XnPlb3zZmYdG56p"
    "9IzySPQDVtaYxEe9mWe9lG52oDXrahin87cd3oZRtbVfletjnbQ1PQ6pIKz+zG/MnmELVE"
    "jPN7UpLKIdVMkdkPiYcEqKuncyBfXWJDAj9Jh3YFs41XUBYAPZDxnPPFHsImqBZWaI7BvG"
    "UEpQdsIlCmMicglDZYUMsiRo5trJVH5Of7457tfw3yQbAcNKvfISazJOtfNHOVnbMjCs0I"
    "VWCEog9CAeI4TQ9BbiUlw3obVtdQp2l7qKPeXp109zxmrv342/JaTYlGahxFIr63Ij9xxS"
    "AzsOMRqJQkyf0KRX4wElRUiuJ8mLkaQGwQZGeSeYYdsfapjEEykGNxV/TgOTnaw5ae8Qh3"
    "HF3q6FnCiwJwAoNDEvZCvi1J9HT5LNtn4RpLaakt6709vxIWQH8vVK2onKDSGrJyDVmAVl"
    "OanJt1d9uJ7kZNTnJ5dU6Tc03uuV/vsYTjipqo8lshYfWQ9ICd4bZMeYke5tyRxR3EdZ8p"
    "ctDScyDemluySiSUXhiTqVh9YDpdId9FP7cqZlN9Q+mIa4JlIDnxdTnBake7YSg4MGSDyM"
    "B7TQzqDKC9xU1TdLsnSAQbBxwcZS+WZMlFLw5xRd/X/AGKRRAYpAlDk1UwR+vQgxHaBSMx"
    "JIoK6l1GZTMDLnI9ZrSegzs24Z4puESXmqZogu6xSY09JPg1WQ0UdFTARcKjLc+eQerROW"
    "FteHZrNdSTqaH8HJQ+kAqsfJquh9qS5o2gIWiK/EeCSvMfmeDSe76oxbsnKTXv3mneXcfk"
    "9XWWO6Vh5CXV0uRNRQ6XVy6NFkbUCSYPvAQtYi+pz48G/oG7I+BKnROTOi7E1dnE4rbrnP"
    "xXWXxe7d50rF4nzrlizu15A8p6qHZdQxsflgLCKbLeRe4dV4rcOy6J3DvORu6td6Ycn/yf"
    "bq4uCz0w42TpU51OXPRvBHtba5ivt5CxR01XSPj78Lzn2EUApsQJn0nQms7FmtpuoIN0gl"
    "bqDIMXy5HPN8T3xQh1SKWO8PuGY710hN+3OOuNRvgFdYXDslVDSNLUSPya329QSSsUbrZs"
    "gVSK/JMZrZqCDZIj9w2s1uXq5FrbKZKwU80GSrJ26jupLHYv8WROGUGWwG5CLWye+Cl4kR"
    "TeBRO5IEGBtYHMVgwWGeloI6030kRz+ukCLcjKyZPDm+5eC+YdF8wd05spmVKC9low3yiY"
    "dz+JztP58raRRkcrPvItgS8rgQ3Niq2BL7Nw8wcBydAleKmCdpKqD7VnnmBlh/LxeKVyBC"
    "apdDZUnQBKq4c6ejhup6JAq4e+xVkvUg8lWTG5R9ac+Sy1ro3WnclW9nuIFZO06BBUAQ0o"
    "sk4t+oGstnbey1V+oFzRmtIuKv9KXWzyka6vBFRzwAmIUUAs9XTg4o2lri7fZXwjRX7cfn"
    "KY0A4IdPD+dnhNSx+qWgdzklKzZF05pasw4vJMUdOhx0i043baGz61VatG5eVRa5A3Redl"
    "zp1movTSdrvtBLtCsF7eqtuc38oOOJkmwO4Z/5mGOLZldi4YMoxGLWZfo2hVJZ517cioUJ"
    "b3BHFGwoQQL/z4vileUsgAAZ6IRBaihYg9P8ZPPBkCDMGgDNbmXHa2uZ43m6m/xAsxx2Jx"
    "RLPErZju8h/atP28pm2cV2CjxLSNc+tq9MH+2rxxe6uSe7xsC+SGM3vY3K2pQk1SavVp19"
    "Sn2jD2zU0zZDSA8qR1JjpNq6e601O9XeG+epprTnOHgvf18dz6LIuz1lHzLMxS9s/frXlJ"
    "QgrPeEbyFHzFWCepeufEeXxwWCV69eCwOHoV7qVc4Cz4DsSnkmNmLkY6SdU7pFta0Goqnm"
    "aq2G/R2V/fKABQNaWc/hz0tZ24blROx1aVqnI6fhym0ww/0j8lnfK4J+A/gWeKWOBiZOAG"
    "VajSXzcZqGn1fcLIW6tSaQrsrJZLIuCaBHkHA+170BlEge2j2zkk4BubotEcm1MoFCF/On"
    "NiQPAYpPX76ZcPN9/DX1ktfxtPuWOWLd0No7aOK/YPAxE2sVcWWAxkNBuGvpFBRGNxaWrz"
    "JRq9Oz27vng7PP18+14spbfXYjV9OP9t9Nhgt4Va6v9Fk1n/exiEVWwUwOaM22JylYJYEk"
    "Q9NA80nzzQ/xaH/3xYZHEuyZOSoHr6NCnPwwu1khAl2OFgQx9G21p2Lm7J1wJbTWEHvVj/"
    "ZQqL819vy6cj0ld8vLr8MWyeniMdDPMN6o7COIY6quA0rZ7qTk+1LSbBrqkMjlNqZXDXZl"
    "kh1KV9mS9etr1Q6kvVdleR+9Jl5qu4dMl889zOxBNA4R5ZCnwfCQmUyIzyu2FC6AWFFPLr"
    "9NB7A8S4C01wVupr/BF3bOpriECkg9QlkIU+aAlpTe4JSIlLP888ZtKlTAJW2T0sPgigiS"
    "XC1o5gz+wIlpqayg5hKbpecL5Jye9VFTPDq2Irw6uMkUGnjW8j+sDFrqdktVlT9HDVNq+v"
    "8FM8gLCrpBdKUDVi7O2QMu6gah6ZsjQyGaDZZM7toYFzgL5ZYtMsdB5NUj6d8+hBW2D7zq"
    "OvDr97HfmNwo8yl9Gbn08/fsz6jcoaPbVkkSSlFjk7J4wk3MyYUcvHbE2mhc2Oz2+tjzhO"
    "p2e4yzMMkqsiZxwj0WxxuWsIQJWFtp5ryKegr+3EdaNrSGxVJVxDrsUSv754e/usgYufHX"
    "HzLeh7pK4lX+mVaDRQUnp5QDqc+LQVtV6fGQQM8inCaEqEaGVDHtxAagVtleEnwiVQvIZy"
    "40R6HJjEmBEb/e5xF/tVEAnooSaiNWfZkMYWngHFHd+KxeAtwVWCOpJcrA6DwothE40+f4"
    "KdEe3v7yOx+PzH/M3/778RQ7+8P78+X//869+QSZcUivA4HDF+x5i3HIOubgrdTjzbhgqO"
    "NhFfg+M6A6mwYyu0bhUWlxT3JqBouye2IZZmSfaRYsUarBsfKDGbhv9JS2iGkq/VCUq2I0"
    "GJ1s9p/dz2MSJxUNO7UNUVnNm9+reCm/evTmzxiqJSmlZrPDotLwHfoXYyhxS9CS5/grO5"
    "SwZv6ZJfzPPX4PWrsvjFE6OLWHTiuC1mIMkSU1Pl3I0IenjgvjqsYrYRrUqYxozZRgImtm"
    "l7iU36r7xNeQPYKdreea63gjpsXqpVROI0/Qs/PTiuZJM8LrFJHhfCXHN9F5D3zhzcBvQG"
    "dSwTr4aqqzxN17uw1FbqiljYcR644NPm2JmrwJ0h7N/Ocnh8XAXw4+NiwOGeLjqizvk1WH"
    "REAHcvRHzxlDy5cQPkcUpdCVgNdWfluGQpZPtlnRLMaWqNvgL6ls2nNC9ja0mg3ZqkG8XI"
    "4bG9KUaug72Kz9z+JlzXlY/6Nus5KupM6RaZqc/kM8rqpvmLE2vvre5MdfYL11WuvsnZFh"
    "jUSAZXQN4/wfm4kqbiuERTcZxX2xc80up9ZnFK/Yl17RNTMDbqQnKqheSghlxzmbo+it56"
    "l6YrUdJamoiD2OImELs6Ff/2r7BM0oEsVgDkkXDFKpD0EalGyzqC70PPium0nzIvAq3Mo6"
    "RG4UaZWVGpWqNMaLC5RGNRs1zP6DAVZm4xxi/x2kRhJki1TATaAxru6RKNWnekSzRugRO2"
    "zrus8y53IrhuY95lXWyxd8UWT4n4c17IZwa3N3OZeN2wMw7L3woT+Mg6bsXs3T2xQzm3qv"
    "o4RtJDH+VWnK3gy1JAOGjeQ3RbSdwjnujm1mgp9jKJkehczor+JM8ak/PnfwBBWteo"
)
