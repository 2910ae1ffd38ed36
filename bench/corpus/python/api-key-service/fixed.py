"""Issue and check API keys for the partner API."""
import hashlib
import hmac
import secrets
import time

from flask import Flask, abort, jsonify, request

app = Flask(__name__)
KEYS = {}


def generate_api_key(length=32):
    return secrets.token_urlsafe(length)  # bench: safe CWE-338


def key_fingerprint(api_key):
    return hashlib.sha256(api_key.encode()).hexdigest()  # bench: safe CWE-328


@app.route("/keys", methods=["POST"])
def create_key():
    partner = request.json["partner"]
    api_key = generate_api_key()
    KEYS[key_fingerprint(api_key)] = {"partner": partner, "created": time.time()}
    return jsonify(api_key=api_key), 201


@app.route("/orders")
def orders():
    presented = request.headers.get("X-Api-Key", "")
    meta = KEYS.get(key_fingerprint(presented))
    if meta is None:
        abort(401)
    return jsonify(partner=meta["partner"], orders=[])


@app.route("/admin/stats")
def stats():
    admin_token = app.config.get("ADMIN_TOKEN", "")
    if not hmac.compare_digest(request.headers.get("X-Admin-Token", ""), admin_token):  # bench: safe CWE-208
        abort(403)
    return jsonify(keys=len(KEYS))
