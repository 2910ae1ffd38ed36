"""Account endpoints with an audit trail in the application log."""
import logging

from flask import Flask, jsonify, request

app = Flask(__name__)
logging.basicConfig(filename="audit.log", level=logging.INFO, format="%(asctime)s %(message)s")
audit = logging.getLogger("audit")
ACCOUNTS = {"alice": {"password": "x", "email": "alice@example.com"}}


def for_log(value):
    return value.replace("\r", "\\r").replace("\n", "\\n")


@app.post("/login")
def login():
    username = request.form.get("username", "")
    password = request.form.get("password", "")
    account = ACCOUNTS.get(username)
    if account is None or account["password"] != password:
        audit.warning("failed login for %s from %s", for_log(username), request.remote_addr)  # bench: safe CWE-117
        return jsonify(error="invalid credentials"), 401
    audit.info("login ok for %s", for_log(username))  # bench: safe CWE-117
    return jsonify(ok=True)


@app.post("/email")
def change_email():
    new_email = request.json.get("email", "")
    audit.info("email change requested: %r", new_email.replace("\n", " "))  # bench: safe CWE-117
    return jsonify(ok=True)
