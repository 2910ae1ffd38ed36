import os

import jwt
from flask import Flask, g, jsonify, request
from functools import wraps

app = Flask(__name__)
JWT_SECRET = os.environ["JWT_SECRET"]
ISSUER_KEYS = {"https://login.example.com": os.environ["ISSUER_PUBLIC_KEY"]}


def login_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        # ruleid: python.jwt-decode-without-verification
        claims = jwt.decode(token, options={"verify_signature": False})
        g.user_id = claims["sub"]
        return view(*args, **kwargs)
    return wrapper


@app.route("/api/me")
@login_required
def me():
    return jsonify(user_id=g.user_id)


def role_of(token: str) -> str:
    # ruleid: python.jwt-decode-without-verification
    payload = jwt.decode(token, JWT_SECRET, algorithms=["HS256"], options={"verify_exp": True, "verify_signature": False})
    return payload.get("role", "user")


def legacy_user(token: str) -> str:
    # PyJWT 1.x style
    # ruleid: python.jwt-decode-without-verification
    return jwt.decode(token, verify=False)["username"]


def current_user_id(token: str) -> str:
    # ok: python.jwt-decode-without-verification
    claims = jwt.decode(token, JWT_SECRET, algorithms=["HS256"])
    return claims["sub"]


def verify_from_issuer(token: str) -> dict:
    # ok: python.jwt-decode-without-verification
    unverified = jwt.decode(token, options={"verify_signature": False})
    key = ISSUER_KEYS[unverified["iss"]]
    return jwt.decode(token, key, algorithms=["RS256"], audience="my-api")


def key_id(token: str) -> str:
    # ok: python.jwt-decode-without-verification
    return jwt.get_unverified_header(token)["kid"]
