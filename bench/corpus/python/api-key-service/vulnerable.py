"""Issue and check API keys for the partner API."""
import hashlib
import random
import string
import time

from flask import Flask, abort, jsonify, request

app = Flask(__name__)
KEYS = {}


def generate_api_key(length=32):
    alphabet = string.ascii_letters + string.digits
    return "".join(random.choice(alphabet) for _ in range(length))  # bench: vuln CWE-338


def key_fingerprint(api_key):
    return hashlib.md5(api_key.encode()).hexdigest()  # bench: vuln CWE-328


@app.route("/keys", methods=["POST"])
def create_key():
    partner = request.json["partner"]
    api_key = generate_api_key()
    KEYS[key_fingerprint(api_key)] = {"partner": partner, "created": time.time()}
    return jsonify(api_key=api_key), 201


@app.route("/orders")
def orders():
    presented = request.headers.get("X-Api-Key", "")
    for fingerprint, meta in KEYS.items():
        if key_fingerprint(presented) == fingerprint:
            return jsonify(partner=meta["partner"], orders=[])
    abort(401)


@app.route("/admin/stats")
def stats():
    admin_token = app.config.get("ADMIN_TOKEN", "")
    if request.headers.get("X-Admin-Token") != admin_token:  # bench: vuln CWE-208
        abort(403)
    return jsonify(keys=len(KEYS))
