"""fabric-auth migration 4: pagination.

Written by `fabric-auth db makemigration`; holds the SQL of every supported dialect.
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

SQL = {'sqlite': {'upgrade': 'CREATE INDEX "idx_fabric_auth_user_id_0acd85" ON '
                       '"fabric_auth_sessions" ("user_id", "created_at");\n'
                       'CREATE INDEX "idx_fabric_auth_role_id_3b4ccc" ON '
                       '"fabric_auth_user_roles" ("role_id", "user_id");',
            'downgrade': 'DROP INDEX IF EXISTS "idx_fabric_auth_role_id_3b4ccc";\n'
                         'DROP INDEX IF EXISTS "idx_fabric_auth_user_id_0acd85";'},
 'postgres': {'upgrade': 'CREATE INDEX IF NOT EXISTS "idx_fabric_auth_user_id_0acd85" ON '
                         '"fabric_auth_sessions" ("user_id", "created_at");\n'
                         'CREATE INDEX IF NOT EXISTS "idx_fabric_auth_role_id_3b4ccc" ON '
                         '"fabric_auth_user_roles" ("role_id", "user_id");',
              'downgrade': 'DROP INDEX IF EXISTS "idx_fabric_auth_role_id_3b4ccc";\n'
                           'DROP INDEX IF EXISTS "idx_fabric_auth_user_id_0acd85";'}}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.schema_generator.DIALECT]["upgrade"]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.schema_generator.DIALECT]["downgrade"]


MODELS_STATE = (
    "eJztXetz27i1/1cw/lL7XsUTv5LU23bG9jqNN06c8ePutnFHgkRIQkUSDEjaUbf7v18ckJ"
    "T4FiGTNsXgS2KROAD5Awic9/l9a4yHnI762PemuycO/UjmW8fo9y0bW0T8kXe7h7aw46Ru"
    "wlUPD800UR87tD8jc1eSDV2P45En2oyx6RJxySDuiFPHo8wGyhMbnXy5QIIAsTHCyHcJR4"
    "yLv8QfD3REEB6NmG97u+jKNufImxJ08+Hk1f7RGyCAn0BLXeR6jBNjF4Y12EiMS+1JIyPc"
    "2/f2+XfxVqIxswk0GkCnA4RtAw3CXvthrwNJSUTv1+wR+sBzhMeeeAZOHtgIAxBo26SuRw"
    "yE3XsbLs+IsSN7mzD0SL0pPAUVT/1oEy7f0LfpN5/0PTYh4hYX7/n1X+IytQ3ynbjw8+sW"
    "PFOfGtB8xAkW/fextyWafd1KPWNOK+jNmfXHlJhGYn0ETeX1vjd35LW7u4uf38uWAP6wP2"
    "Kmb9nL1s7cmzJ70dz3qbELNHBvQsQ7wbCxNWL7phkurehS8MLigsd9snhTY3nBIGPsm7DS"
    "tv4y9u2RxFWOBP8c/i18tFizfv/z1W3/5vy239/KLEx4hNRKCi+NmA2Lmtoe4Pz7H0G/S0"
    "Dk1S0Y4OzDyfX2wZsdCQFzvQmXNyVcW39IQuzhgFTO2RJlseL6U+xOs1ifTTHPxzpOk0Jc"
    "PHAzWEcwNQDsloW/901iT8Rec4zeHJYA/X8n1xLrN4cSaya2nGBf+hze2Ze3APIlxAZ1HR"
    "PP+w4nY/pdBegsZT1wRxeWeC83zWcHfO9NBcD33hQCDreSgJvY9Q5VcF4QdBDeKsu5eDVn"
    "FrP8XwHaqH0Hkd1//boCtqJVIbryXhJfd8SglwzCv9xcfc5HeEmRwtigIw/9F8GJ3xTWsR"
    "Nw6FPTo7a7C+O9xCEICEHPlut+M+M4b386+S09BWeXV6fp0xI6OE1NR4xTyUzJz+KORy2S"
    "Py1JyvTUhKS70R8b+DGUTMXtxafzm9uTT18S8/Hzye053NmXV+epq9vpHX7RCfr14vYDgp"
    "/on1efz9PTtmh3+88teCYhG7C+zR772IhjEl2OLiWmmXx3qOhujWlOUuppbvU0R9/kcB5M"
    "kcI5lkO61pEWMrZtmd3kiXawX+FAO9gvPM/gVv7+KWBTk+cyhE8Q7VqG+VMEuSWyDuZECN"
    "Qgi6khmyFsFNnnFOTqARaEgb7vrnXop2lrOA82Z/Fu3HGwnC3qqIqLcbrnk222muKrm9aB"
    "hLrGNT6pJKX+oNr8QUVzNZyrfE5Jqu5xVXuV9AR7JXqCvayegBPHxKMCrIsP/xSZZqpS2p"
    "dcc0VVcPOpNcZJjGPWoqrAxkg0mn/8ASaz8SzXnANIZZF9zzihE/sjmUt8L8RzYHuUJ8TG"
    "jbJ3YV8bCevy6vIROX5c2Bnja0q8v0FM4gXn1MnN2cnP51tl+0JdCN8E3Z4se+0m1vkbYz"
    "7ssLiHeDR7xNzoJ1Y53GH7LHVl0TZ7y9q30lewjScSJ3ghePyEF4JvUE/wKdTeKnRUWDbp"
    "qTkrAGF/tKBc6a9wOyXIFeCbBHH2iLapgfZ2EHkgfI5kZ0iMTmwDmWw0c9GYctc7RuKyAJ"
    "tik/6HuGEL8f+IM1eaCBIOC/UPcW/TcOW70quAE4tYQ8Jd6d0g3/5PLoIuxd1e6J6AkePz"
    "iYDgcUo4gf4Ff4mGZALWhK1eFR8EJSeCC9tT8CGglT7Mllm0J/AIr/b3Dt8evjt4c/hONJ"
    "GPubjytuT0ufh8u8JpQArALvmWxfaUTgrhjVPVA3KV7e91sxj/eX//4ODt/uuDN++ODt++"
    "PXr3egF29lYZ6qcXfwfgExJANBMp5FX9NRJEWlmxUlkh9q8p4+oLPEmnl/h6SzxEUXWRp8"
    "j0Ms9d5hnR4aXZrfMHItnGEnYraLIOu0WAsqJ/6JUtmCEy8jn15kgSCoZE/PCIjagt+RdX"
    "PKE4x7Ht4sDnAS/4GnsiGRdORowbbtY3tNbewS9U+niOGbcE+wRrPmCu0LZLyMIz1N2VMA"
    "x2jtEA2gzQiD0AMxaweAyYKRR8QcCP3dsDh5MH+QkNenLskCz0TgUmEXvQ/Tf0Cu2JNi5D"
    "RIwgXrIHvB57EH+Byysn4kEJvLx4PEF2bw85wbMYGwgdeVPxj7jbBJNXtk9X5fNClq3tbN"
    "6z7M/FzKDyMVnr+fjDTMAScDYS+whfy5iSIn0ed5WWmIA3zpoSHANKPNCCoin2p0t+2cz3"
    "RkzNmzVG0kGH1vo9scWCFDy5qq9Vkqp7BsH63awCxPL4oFUo5/JCdWHcpd3Cw1xwpsprOU"
    "WmF/PqxRxCpraaE0R6Oa9cztQBVkRwKzmxBsUoJ6m0jmUlzNLKiCckz2ZYDHOSqnMwH+1V"
    "2TNEq0Kg5b20Q4x4T1d120hSdQ7pvf13VVi6/XfFPB3cS8UzEg9TUylGKUbSjiAlGLYzQU"
    "oLrZ3Kyk8QdVCYqX8vV0VYg7tBxoj3BHs+J1tFlojofk/JDDEOqCqaIG6YRbwpKM0dE9su"
    "mnBse8cII3GZcMjaYIH7DNoeYNoP148gdQc7QZqJEXbwkJpgYtgeuC4b7GQNEQ2N8QTt/Y"
    "gZapFYYXudeaBgxypW1bc/ePuZ+KJGQrfFi6px+WH7zqFb/9Grw7CLoRcvaEA+oXDv2hAL"
    "SLjNZgwgCjxBTJP/QDinRl7ehNOQ9P3Ha2LiAvNI/KC/pBb1rsION3A9FPnkJiUGcfb3TX"
    "jTOiD7InqTsHUJrsY5zguDWA7ziD2al6VGSzVT4z/pklghVRr4BUtnXxTau4J8Zt985gkG"
    "UCDlW7ItcongFGXaMGyj2FiQx+wn8PwgHp8v8opleNGGxrm3pSsN5FIT3KgLnjMwbQhck8"
    "VeCYMEnUv3lImY9F30WVC4DkRGoeEcuf7w32TkSRfmkIUv4nK/boWN+zOxgqFR9DtURAXk"
    "/YhrFU8V5DzTji3t8KsocWxJTWxVvi5N10H5v36jT+qrqRpxl6CqM/tfO46lJ4bapTefqi"
    "s4TdfBFVy/jDIjSlHPYfMOQttMXjRPwKG0C0cEHUS4fkcdGZdXEJdbxnEk6dZy6Wybd8PL"
    "BD1Y+XGlpeEmCxodarJmNFUktCoEsUUkeq2vizonlngCeC4l5BNkGv310XeFULxWIp4Yoc"
    "7D02bPca0u/yGmebOyluowkOqz3CbPiKRBpEhNnTGbKGipJU/VTxhxKtTzQJIMYiBlcYwc"
    "nW0QYPhIbRdB54h6rvR6+JMLuSbEYoaLEJEIF3PqeTQxwvoqZK02bhNDpdXG1aZEq41bwt"
    "2oZMDVYvGz7SMxmzzhlCntGEuK7oUVNaDi1ELRD+JDlGcCUwsLSVJ18CRuyIE7g3sW9PUy"
    "JcbcrzcM9yIHo14qR2JyybUuN+IltWe3bEaKUyMuW/QUpT97JuQhQVhZ8guSFr7yXSGAAS"
    "GyMDVlVUOEEfR3jBzsuo+MQwpCl3g9BMpjEwlxjI5pUAuxhyBdwoP8O0/4q38QyNsjKz+C"
    "mBhVflyWe0RnC68kIXWK6yB0inUDCXaYjU00uPsCWyra3d1Fv344vz5HYakBdHFzb3++u7"
    "wMUvLg8IHFo82glxFBU/YoZVExyXMUBr0JURWe2/ZgOJmOJ0xCZDFLXF2n/KPjc7F/k5Kq"
    "jvLJlIOVklTa87/AGaFYKI0mRoW7XJJ08ACsXxSVH78KwAuCTsJbxQdEtCoBOOMDEm23ok"
    "97QrjDqVpYdRF9B/HXIRjt0Lq0SVzqoE1JT/Oa07xmfStd2mpz5vdlimxs0Ee7UVU2Worr"
    "08tsvKROg02ofTvlzPPMEst2olVPTbcBtH0vJK6o33gf6BlcsZZegWVZhihBkJRNUFhBA2"
    "Lxx5xZgYrApCDEh4mZetI+DRoGqNqQVWzU2jtoNM5lMuEoSzEoR3J0FoN0ZmIgZ7432JEa"
    "CzksKD7EJzN3EfkuALq3H6dS62LPEfY8YjliVMw5fSCgrQC1Rg9BmmRx3/ahygREdi3qT5"
    "RY26FgNtzVsVgtM4aVGNWjOatsTY8IOijc1W8b07ErIbSHlWJXDktiVw6zsSvR7pWFuNi3"
    "P0bSGe/+J9ajiR/P1IzS6lQENE6iAc0EQgSnsQqgcRINaB6gQlQGriZHJ7yiiHSKVkvabZ"
    "a0ZXGlcLtet2J4klyrzlo34W3yx4ZsK1tFwqq82VOSUWUeuKqWdxjTQEPfNkyZrSPygw5y"
    "yaDtwZgTMuihgcNz08+t1UPNpWGKVWD1a79Wi26x7KRyJPjn8CVSk650EC2WznQKv8bMbj"
    "plX5NZBai7eOwMxqeMmQTbBTtFgjAF9lBQNoX24srzbg6nV1eXiQP69CKlw/l89+n0/Hp7"
    "T8IvGlEvodpJYC59onKW9SrIl3TPiHi0m2ws4NpyX7zFdNfx2XeMNWc9SalnvS2zniOdLD"
    "IVKqfM1Mkfq+bKdP3hovM6ALuJ9dclzJ5F8A1WWpn0u1iLiiJwLB3qakH4A3tElj+aBgkr"
    "IxEWyzDfIKW6ixzCURCh9VN0BzJUMt8LaqIiU0ATVESN55hMiMsNjpNrGnVC9YEOOd4o66"
    "gO2Hy+WXjBgM31xHOL2cHWt4mGaR2+90x6JnkEqmlLYyTaYbDcYXBxrtbgMBip+DcT15UO"
    "g7FVle8wmLM91AWtjjJ9YY/ML5yNiOsS4/yB2CV8frKZIrMfEfcJUFc1fdmIfPcIB59GSY"
    "e2BbON55ZMTU+GU8ZmOwiboFqYoykG85YRRmNyIlCm0k0Soj1n1HGIkWMba2SIfBdI5vPg"
    "a5ADwXLQrH6LmMwSR8jFzFX2hFxQaEaoAiO0+CAUII7TdBDk/aOjKqa3o6Ni0xvcSxetjL"
    "ZhdQ11mraDOurN1Um3z2PmmozF20zL01ckGqlxFDwgVUpicWVDsITrE0geIcmDpA09NCOO"
    "B0kmogQRzDbnPXETjWkYeuGKtU9l5IOBXId5ogffzdEeNjTGE9xxdPaHF8n+sKzjmYW9kG"
    "9LEj2fi2/zLFxtXr7ast7Z8ythAQz2QtUkkwkqrSEr15CFaNWlyblZdreZ6K7U5CSXV+s0"
    "OdfkgQUpsEo4rkUTVX4rIqyeMSxkZxiHnFkcPU6ZK+NdxfWAKXKR5bse5OJyZOIsiEYdkj"
    "GTSZ7JHAXpLXIThdXVN0TTXkOFwuEcFECgywlXO9rGQI65zD7dWxh4r4lB3R60d5hpim53"
    "BIlg44CDo/Yri1hM9OIST/R9zR4hfpbAQ5rwaDIx2GCZtmOAtsFIDBEJYQqwRSaxkItcPj"
    "NazsG9PWK+KbhEj5qmaIIesEmNHST4NZkgDXRUwEXC0I7PxZKBDgqzYWs11EaoocIMyhJI"
    "BVY+TddBbUn9RlCd5LqBJNewgc3W4t2TlJp3bzXvvln5rHSNlA3VMLKSBDLypiKHyypni4"
    "ki6gSTB16CDuEWDfjR0D9wewBcqXtsUteDuDpOHMY99/h/yuLz1u5Nx+q14pwr5txeNqCs"
    "g2rXJbTxx1JAOEXWuci9o0qRe0clkXtH2ci95c6U45P/y83V50IPzDhZ+lSnIw/9F8He1h"
    "jmyy1k6FPTExL+Loz3ErsIwJQ44SPEtz+d/JaejLPLq9P0dgMdnGbD+8IXy5HPV8T3xQh1"
    "SKWO8PuBY710hN+POOu1RviFqRb7YVJHWWejlvi1oN+ToNtIuNmwBVIp8k/mLq0LNsjz2j"
    "WwGperk2ttq0jCTjXrKcnaqe+kstht4dGU2gRBGYERdbB5jKZMvBmSwrtgImcQqQdrqCez"
    "rYJFRjraSOuNNNGcfLlAMzJ38+TwurvXgnnLBXPX9CdKppSwvRbMVwrm7U+i83y+vE2k0d"
    "GKj3xL4OtKYEOzYmvg6yzc7FFA0vcItlTQTlJ1r2JoIys7ko+HOfmRi4/AJNUTjsKWAV6P"
    "5VUngNLqobas6A1VFGj10I8460XqoSQrFhYcXWvms9Q6+XR7JlvZ7yFWgsChfVAF1KDIOn"
    "Hox6D+w0bOe7nKD5QrWlPaRuVfqYtNPtLrKwHVHHBC4kX5JNDTgYs3lrq6fJfxlRT5cfvJ"
    "x4R2QKCD9zfDa1r6UK11MCcpNUvWllO6CiMuzxQ1HXqMRDtup73hU1u1alReHrUGeVV0Xu"
    "bcqSdKL22320ywKwTr5a261fmteMjJ1AF2x/jPNMSxLbN1wZBRNGox+7qIVlXiWZeOjJXY"
    "1KDk57Es6xkmhHgVxPeNsUUhAwR4IkJ8HpMRe0GMnxgZAgzBoAzW5lx2tr6eV5upv8Zrys"
    "ZicUSzxK2Y7vJf2rT9sqZtnFdgo8S0jXPranTB/lq/cXujkntsSv0+zrw1VahJSq0+bZv6"
    "VBvGfrhpljUW/fVSzaVp9VS3eqo3K9xXT/Oa09yi4H19PDc+y+KsddU8C7OU3fN3q1+SkM"
    "IznpA8BV8x1kmqzjlxHu3tV4le3dsvjl6FeykXOAe+A/Gp5JiZi5FOUnUO6YYWtJqKJ0ai"
    "jQLlRgGAqi7l9F3Y12biulI5HVtVqsrp+HGYTjP8RP+UdMrjjoD/DJ4pYoGLJwM3qEKV/r"
    "JJT02rHxAuvLUqlabA7tyyiIBrFOYdDLXvYWcQBbaLbqeQgG9oikZTbI6hUIT86U6JAcFj"
    "kNbvl18/3vwEf2W1/E2Mcm87XLobLtq6ntg/DETsEZ87YDGQ0WwY+kYGEY3FpTFnFhq8Pz"
    "m9vjjrn9zdfhBL6exarKaP5/8YPDXYbaaW+n9WZ9b/DgZhFRsFsDlhXEyuUhBLgqiD5oH6"
    "kwcG32L/34+zLM4leVISVM+fJuVleKFGEqKEOxxs6P3Ftpadi1vyvcBWU9hBJ9Z/mcLi/L"
    "fb8ulY6Csurz7/PWqeniMdDPMD6o6iOIZ1VMFpWj3VrZ5qLiaBr6kMjlNqZXDbZlkh1KV5"
    "mS9etr1Q6kvVdleR+9Jl5qu4dMl884xn4gmgcI8sBb6LhARKZEb57Sgh9IxCCvlleuidHr"
    "KZB01wVuqrfYh7exxoiECkg9QlkIU+bAlpTR4ISIlWkGce29KlTAJW2T0s/hBAE0uErR3B"
    "XtgRLDU1lR3CUnSd4HyTkt9BFTPDQbGV4SBjZNBp45uIPvCw5ytZbZYUHVy19esrghQPIO"
    "wq6YUSVLUYe1ukjNurmkemLI1MBmh7NGW8b+AcoG8sbJqFzqNJyudzHt1rCuzAefRg/+2b"
    "hd8o/ChzGb35dHJ5mfUblTV61pJFkpRa5GydMJJwM7ONtXzMlmRa2Gz5/K71Ecfp9Ay3eY"
    "ZBclXkjGMkmi0udw0BqLLQruca8iXsazNxXekaEltVCdeQa7HEry/Obl80cPHOFTfPQN8j"
    "dS35Sq9Eo56S0ssH0v4ooK2o9bqzIWCQjRFGYyJEKw55cEOpFbRVRpAIl0DxGsqMY+lxYB"
    "JjQjj65jMPB1UQCeihRqI1s7MhjQ2MAcUdz8Ri8C1wlaCuJBerw6DwYthEg7svsDOi3d1d"
    "JBZfMMxfg//+F9no1w/n1+fLn3/5KzKpRaEIj8uQze5t27eGoKsbQ7cjn3Oo4MiJ+Bpcz+"
    "1JhZ09R8tWUXFJcW8EirYHwg2xNEuyjxQr1mDdBECJ2TSCT1pC05d8rU5QshkJSrR+Tuvn"
    "No8RiYOa3oWqruDM7tW9FVy/f3Vii1cUldK0WuPRankJ+A61kzmi6Exw+TOczW0yeEuX/G"
    "Kefw1evyqLXzwxuohFK47bYgaSWJiaKufugqCDB+7BfhWzjWhVwjRmzDYSMLFNcwub9D95"
    "m/IKsFO0nfNcbwR12LxUq4jEaboXfrp3VMkmeVRikzwqhHnN9V1A3jlzcBPQG9R1TDzvq6"
    "7yNF3nwlIbqSviYNd9ZIJPm2J3qgJ3hrB7O8v+0VEVwI+OigGHe7roiDrnV2PREQHcgxDx"
    "xSh5cuMKyOOUuhKwGuru3PWIJWR7a50SzGlqjb4C+g5nY5qXsbUk0G5J0o5i5DBsZ4qR62"
    "Cv4jO3uwnXdeWjrs16joo6U7pFZuoz2YTa66b5ixNr7632THX2C9dVrn7I2RYYrJEMroC8"
    "e4LzUSVNxVGJpuIor7YveKSt95nFKfUn1rZPTMHYqAvJqRaSgxpy9WXquhS9dS5NV7Koz7"
    "KWxROxihXT6CJStVYoBDN+x+rCNJ/9bQFamXPEGjUIZZJApcKDMjZ/dbXBoma5Tr5RVsfc"
    "uoJf42V2oqSGakH12pkX7ulqg1oNoqsNboA/sU4hrFMItyJObGUKYV03sHN1A0+I+HNayG"
    "eGt1dzmXjZsDW+tz8KE/jEkmTF7N0D4ZGcW1UTGiPpoLttI35D8GUpIBw27yC6jeSgESN6"
    "ueVGih0mYiQ6LbGia8SLhpf88f+rluof"
)
