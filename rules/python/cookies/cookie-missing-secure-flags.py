import secrets

from fastapi import FastAPI, Response
from flask import Flask, jsonify, make_response, request

app = Flask(__name__)
api = FastAPI()
SESSION_COOKIE = "session_id"


def create_session(user_id: int) -> str:
    return secrets.token_urlsafe(32)


@app.route("/login", methods=["POST"])
def login():
    user_id = check_credentials(request.form["username"], request.form["password"])
    resp = make_response(jsonify(ok=True))
    # ruleid: python.cookie-missing-secure-flags
    resp.set_cookie(SESSION_COOKIE, create_session(user_id))
    return resp


@app.route("/remember", methods=["POST"])
def remember():
    resp = make_response(jsonify(ok=True))
    # ruleid: python.cookie-missing-secure-flags
    resp.set_cookie("remember_token", secrets.token_urlsafe(32), max_age=30 * 86400, httponly=True)
    return resp


@api.post("/token")
def issue_token(response: Response):
    token = secrets.token_urlsafe(32)
    # ruleid: python.cookie-missing-secure-flags
    response.set_cookie(key="access_token", value=token, secure=True, httponly=False)
    return {"ok": True}


@app.route("/login-safe", methods=["POST"])
def login_safe():
    user_id = check_credentials(request.form["username"], request.form["password"])
    resp = make_response(jsonify(ok=True))
    # ok: python.cookie-missing-secure-flags
    resp.set_cookie(SESSION_COOKIE, create_session(user_id), secure=True, httponly=True, samesite="Lax")
    return resp


@app.route("/prefs", methods=["POST"])
def prefs():
    resp = make_response(jsonify(ok=True))
    # a display preference is not a credential
    # ok: python.cookie-missing-secure-flags
    resp.set_cookie("theme", request.form.get("theme", "light"), max_age=365 * 86400)
    return resp


@api.post("/token-safe")
def issue_token_safe(response: Response):
    token = secrets.token_urlsafe(32)
    # ok: python.cookie-missing-secure-flags
    response.set_cookie(key="access_token", value=token, secure=True, httponly=True, samesite="strict")
    return {"ok": True}


def check_credentials(username, password):
    return 1
