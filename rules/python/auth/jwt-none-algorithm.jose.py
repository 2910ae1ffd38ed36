import os

from jose import jwt

PUBLIC_KEY = open(os.environ["JWT_PUBLIC_KEY_FILE"]).read()


def claims_of(token: str) -> dict:
    # ruleid: python.jwt-none-algorithm
    return jwt.decode(token, PUBLIC_KEY)


def claims_pinned(token: str) -> dict:
    # ok: python.jwt-none-algorithm
    return jwt.decode(token, PUBLIC_KEY, algorithms=["RS256"])
