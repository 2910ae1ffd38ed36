import os

import jwt
from flask import Flask, abort, jsonify, request

app = Flask(__name__)
SECRET = os.environ["JWT_SECRET"]


def issue_guest_token(user_id: str) -> str:
    # ruleid: python.jwt-none-algorithm
    return jwt.encode({"sub": user_id, "role": "guest"}, None, algorithm="none")


@app.route("/api/profile")
def profile():
    token = request.headers.get("Authorization", "").removeprefix("Bearer ")
    try:
        # ruleid: python.jwt-none-algorithm
        claims = jwt.decode(token, SECRET, algorithms=["HS256", "none"])
    except jwt.InvalidTokenError:
        abort(401)
    return jsonify(sub=claims["sub"])


ALGORITHM = "NONE"


def internal_token(payload: dict) -> str:
    # ruleid: python.jwt-none-algorithm
    return jwt.encode(payload, "", algorithm=ALGORITHM)


def issue_token(user_id: str) -> str:
    # ok: python.jwt-none-algorithm
    return jwt.encode({"sub": user_id}, SECRET, algorithm="HS256")


def read_token(token: str) -> dict:
    # ok: python.jwt-none-algorithm
    return jwt.decode(token, SECRET, algorithms=["HS256"])


def read_rs_token(token: str, public_key: str) -> dict:
    # ok: python.jwt-none-algorithm
    return jwt.decode(token, public_key, algorithms=["RS256", "ES256"], audience="api")
