import hashlib
import hmac
import json
import os
import time

from flask import Flask, abort, jsonify, request

app = Flask(__name__)
SIGNING_SECRET = os.environ["SIGNING_SECRET"].encode()


def sign(payload: dict) -> str:
    body = json.dumps(payload, sort_keys=True).encode()
    # ruleid: python.hand-rolled-mac
    return hashlib.sha256(SIGNING_SECRET + body).hexdigest()


@app.route("/callback", methods=["POST"])
def callback():
    # ruleid: python.hand-rolled-mac
    expected = hashlib.sha256(SIGNING_SECRET + request.get_data()).hexdigest()
    if not hmac.compare_digest(expected, request.headers.get("X-Signature", "")):
        abort(403)
    return jsonify(ok=True)


def signed_url(path: str, api_secret: str) -> str:
    expires = int(time.time()) + 300
    # ruleid: python.hand-rolled-mac
    sig = hashlib.sha512((api_secret + f"{path}{expires}").encode()).hexdigest()
    return f"{path}?expires={expires}&sig={sig}"


def sign_safely(payload: dict) -> str:
    body = json.dumps(payload, sort_keys=True).encode()
    # ok: python.hand-rolled-mac
    return hmac.new(SIGNING_SECRET, body, hashlib.sha256).hexdigest()


def content_id(header: bytes, body: bytes) -> str:
    # ok: python.hand-rolled-mac
    return hashlib.sha256(header + body).hexdigest()


def cache_key(user_id: int, path: str) -> str:
    # ok: python.hand-rolled-mac
    return hashlib.sha256(f"{user_id}:{path}".encode()).hexdigest()
