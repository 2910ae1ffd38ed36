import logging

import requests
from flask import Flask, jsonify, request

app = Flask(__name__)
logger = logging.getLogger(__name__)


@app.route("/login", methods=["POST"])
def login():
    username = request.form["username"]
    password = request.form["password"]
    # ruleid: python.secret-in-log
    logger.info(f"Login attempt for {username} with password {password}")
    user = authenticate(username, password)
    if user is None:
        # ok: python.secret-in-log
        logger.warning("Failed login for %s", username)
        return jsonify(error="invalid credentials"), 401
    token = issue_token(user)
    # ruleid: python.secret-in-log
    logging.debug("issued token %s for user %s", token, user.id)
    return jsonify(token=token)


def call_billing(api_key: str, payload: dict) -> dict:
    # ruleid: python.secret-in-log
    print("Calling billing API with key:", api_key)
    resp = requests.post("https://billing.example.com/charge", json=payload, headers={"X-Api-Key": api_key}, timeout=10)
    # ok: python.secret-in-log
    logger.info("billing responded %s", resp.status_code)
    return resp.json()


def connect(settings):
    # ruleid: python.secret-in-log
    logger.debug("connecting with %s / %s", settings.db_user, settings.db_password)


def rotate(token: str) -> None:
    # ok: python.secret-in-log
    logger.info("rotating token ending in %s", token[-4:])
    # ok: python.secret-in-log
    logger.info("token present: %s, length %d", token is not None, len(token))
    # ok: python.secret-in-log
    logger.info("password policy: minimum %d characters", 12)


def authenticate(username, password):
    return None


def issue_token(user):
    return "t"


def show_directory(pwd: str) -> None:
    # the working directory, not a password
    # ok: python.secret-in-log
    print("current directory:", pwd)
    # ok: python.secret-in-log
    print(f"cache version {get_cache_token()}")


def get_cache_token():
    return 1


def log_settings(config: dict) -> None:
    # ruleid: python.secret-in-log
    logger.info("using database password %s", config.get("db_password"))
    # ok: python.secret-in-log
    logger.info("password reset requested for %s", config.get("admin_email"))
