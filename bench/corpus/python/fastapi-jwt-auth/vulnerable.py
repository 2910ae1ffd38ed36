"""Token auth for the FastAPI backend."""
from datetime import datetime, timedelta, timezone

import jwt
from fastapi import Depends, FastAPI, HTTPException, status
from fastapi.security import OAuth2PasswordBearer, OAuth2PasswordRequestForm

app = FastAPI()
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")
JWT_SECRET = "fastapi-jwt-secret-2024"
ALGORITHM = "HS256"
USERS = {"alice": {"password": "x", "role": "admin"}}


def create_access_token(data: dict) -> str:
    payload = dict(data, exp=datetime.now(timezone.utc) + timedelta(minutes=30))
    return jwt.encode(payload, JWT_SECRET, algorithm=ALGORITHM)  # bench: vuln CWE-798


async def get_current_user(token: str = Depends(oauth2_scheme)) -> dict:
    claims = jwt.decode(token, options={"verify_signature": False})  # bench: vuln CWE-347
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
