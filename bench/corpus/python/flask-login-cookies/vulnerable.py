"""Login endpoint for the customer portal."""
import logging
import os
import secrets

from flask import Flask, jsonify, make_response, request
from werkzeug.security import check_password_hash

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
log = logging.getLogger("portal.auth")
USERS = {"ada": {"hash": os.environ.get("ADA_HASH", ""), "id": 1}}
SESSIONS = {}


@app.route("/api/login", methods=["POST"])
def login():
    username = request.json.get("username", "")
    password = request.json.get("password", "")
    log.info("login attempt user=%s password=%s", username, password)  # bench: vuln CWE-532
    user = USERS.get(username)
    if user is None or not check_password_hash(user["hash"], password):
        return jsonify(error="invalid credentials"), 401
    session_id = secrets.token_urlsafe(32)
    SESSIONS[session_id] = user["id"]
    resp = make_response(jsonify(ok=True))
    resp.set_cookie("session_id", session_id, max_age=3600)  # bench: vuln CWE-614 CWE-1004
    return resp


@app.route("/api/logout", methods=["POST"])
def logout():
    SESSIONS.pop(request.cookies.get("session_id", ""), None)
    resp = make_response(jsonify(ok=True))
    resp.delete_cookie("session_id")
    return resp
