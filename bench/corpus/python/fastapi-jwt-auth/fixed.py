"""Token auth for the FastAPI backend."""
import os
from datetime import datetime, timedelta, timezone

import jwt
from fastapi import Depends, FastAPI, HTTPException, status
from fastapi.security import OAuth2PasswordBearer, OAuth2PasswordRequestForm

app = FastAPI()
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")
JWT_SECRET = os.environ["JWT_SECRET"]
ALGORITHM = "HS256"
USERS = {"alice": {"password": "x", "role": "admin"}}


def create_access_token(data: dict) -> str:
    payload = dict(data, exp=datetime.now(timezone.utc) + timedelta(minutes=30))
    return jwt.encode(payload, JWT_SECRET, algorithm=ALGORITHM)  # bench: safe CWE-798


async def get_current_user(token: str = Depends(oauth2_scheme)) -> dict:
    try:
        claims = jwt.decode(token, JWT_SECRET, algorithms=[ALGORITHM])  # bench: safe CWE-347
    except jwt.InvalidTokenError:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="Invalid token")
    user = USERS.get(claims.get("sub"))
    if user is None:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="Invalid token")
    return {"name": claims["sub"], **user}


@app.post("/token")
async def login(form: OAuth2PasswordRequestForm = Depends()):
    if form.username not in USERS:
        raise HTTPException(status_code=400, detail="Incorrect username or password")
    return {"access_token": create_access_token({"sub": form.username}), "token_type": "bearer"}


@app.get("/admin")
async def admin(user: dict = Depends(get_current_user)):
    if user["role"] != "admin":
        raise HTTPException(status_code=403)
    return {"ok": True}
