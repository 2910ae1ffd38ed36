import datetime
import os

import jwt
from fastapi import Depends, FastAPI, HTTPException
from fastapi.security import OAuth2PasswordBearer
from jose import jwt as jose_jwt

app = FastAPI()
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")

JWT_SECRET = "my-jwt-secret-2024"
ALGORITHM = "HS256"


def create_access_token(user_id: int) -> str:
    payload = {
        "sub": str(user_id),
        "exp": datetime.datetime.utcnow() + datetime.timedelta(minutes=30),
    }
    # ruleid: python.hardcoded-jwt-secret
    return jwt.encode(payload, JWT_SECRET, algorithm=ALGORITHM)


async def get_current_user(token: str = Depends(oauth2_scheme)):
    try:
        # ruleid: python.hardcoded-jwt-secret
        claims = jwt.decode(token, "my-jwt-secret-2024", algorithms=[ALGORITHM])
    except jwt.PyJWTError:
        raise HTTPException(status_code=401, detail="Invalid token")
    return claims["sub"]


def issue_refresh_token(user_id: int) -> str:
    # ruleid: python.hardcoded-jwt-secret
    return jose_jwt.encode({"sub": str(user_id), "typ": "refresh"}, "refresh-signing-key", algorithm="HS256")


SIGNING_KEY = os.environ["JWT_SIGNING_KEY"]


def create_session_token(user_id: int) -> str:
    # ok: python.hardcoded-jwt-secret
    return jwt.encode({"sub": str(user_id)}, SIGNING_KEY, algorithm="HS256")


def verify(token: str, settings) -> dict:
    # ok: python.hardcoded-jwt-secret
    return jwt.decode(token, settings.jwt_secret, algorithms=["HS256"])


def sign_with_private_key(claims: dict) -> str:
    with open(os.environ["JWT_PRIVATE_KEY_FILE"], "rb") as fh:
        private_key = fh.read()
    # ok: python.hardcoded-jwt-secret
    return jwt.encode(claims, private_key, algorithm="RS256")


def docs_example(claims: dict) -> str:
    # ok: python.hardcoded-jwt-secret
    return jwt.encode(claims, "<your-jwt-secret>", algorithm="HS256")


def test_token_roundtrip():
    # ok: python.hardcoded-jwt-secret
    token = jwt.encode({"sub": "1"}, "unit-test-secret", algorithm="HS256")
    assert jwt.decode(token, "unit-test-secret", algorithms=["HS256"])["sub"] == "1"
