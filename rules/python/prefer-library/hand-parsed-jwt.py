import base64
import json
import os

import jwt
from flask import Flask, abort, g, request

app = Flask(__name__)
JWT_SECRET = os.environ["JWT_SECRET"]


def b64pad(s: str) -> str:
    return s + "=" * (-len(s) % 4)


@app.before_request
def load_user():
    token = request.headers.get("Authorization", "").removeprefix("Bearer ")
    if not token:
        abort(401)
    # ruleid: python.hand-parsed-jwt
    claims = json.loads(base64.urlsafe_b64decode(b64pad(token.split(".")[1])))
    g.user_id = claims["sub"]


def role_of(token: str) -> str:
    header, payload, signature = token.split(".")
    # ruleid: python.hand-parsed-jwt
    data = json.loads(base64.urlsafe_b64decode(payload + "=="))
    return data.get("role", "user")


def expiry_of(token: str) -> int:
    parts = token.split(".")
    # ruleid: python.hand-parsed-jwt
    return json.loads(base64.b64decode(parts[1] + "==="))["exp"]


def issued_at(token: str) -> int:
    payload = token.split(".")[1]
    # ruleid: python.hand-parsed-jwt
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))["iat"]


def load_user_safely() -> str:
    token = request.headers.get("Authorization", "").removeprefix("Bearer ")
    # ok: python.hand-parsed-jwt
    claims = jwt.decode(token, JWT_SECRET, algorithms=["HS256"])
    return claims["sub"]


def version_tuple(version: str) -> tuple:
    major, minor, patch = version.split(".")
    # ok: python.hand-parsed-jwt
    return int(major), int(minor), int(patch)


def decode_attachment(blob: str) -> bytes:
    # ok: python.hand-parsed-jwt
    return base64.b64decode(blob)
