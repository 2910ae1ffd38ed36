import os

from fastapi import Depends, FastAPI, HTTPException
from fastapi.security import OAuth2PasswordBearer
from jose import JWTError, jwt

app = FastAPI()
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")
SECRET_KEY = os.environ["SECRET_KEY"]


async def get_current_user(token: str = Depends(oauth2_scheme)) -> str:
    try:
        # ruleid: python.jwt-decode-without-verification
        claims = jwt.get_unverified_claims(token)
    except JWTError:
        raise HTTPException(status_code=401, detail="Invalid token")
    return claims["sub"]


async def get_current_user_verified(token: str = Depends(oauth2_scheme)) -> str:
    try:
        # ok: python.jwt-decode-without-verification
        claims = jwt.decode(token, SECRET_KEY, algorithms=["HS256"])
    except JWTError:
        raise HTTPException(status_code=401, detail="Invalid token")
    return claims["sub"]
