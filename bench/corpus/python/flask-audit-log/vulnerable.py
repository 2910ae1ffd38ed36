"""Account endpoints with an audit trail in the application log."""
import logging

from flask import Flask, jsonify, request

app = Flask(__name__)
logging.basicConfig(filename="audit.log", level=logging.INFO, format="%(asctime)s %(message)s")
audit = logging.getLogger("audit")
ACCOUNTS = {"alice": {"password": "x", "email": "alice@example.com"}}


@app.post("/login")
def login():
    username = request.form.get("username", "")
    password = request.form.get("password", "")
    account = ACCOUNTS.get(username)
    if account is None or account["password"] != password:
        audit.warning("failed login for %s from %s", username, request.remote_addr)  # bench: vuln CWE-117
        return jsonify(error="invalid credentials"), 401
    audit.info("login ok for %s", username)  # bench: vuln CWE-117
    return jsonify(ok=True)


@app.post("/email")
def change_email():
    new_email = request.json.get("email", "")
    audit.info(f"email change requested: {new_email}")  # bench: vuln CWE-117
    return jsonify(ok=True)
