import base64
import json
import pickle
import socket

import dill
import jsonpickle
import requests
from flask import Flask, jsonify, make_response, request
from itsdangerous import URLSafeSerializer

app = Flask(__name__)
signer = URLSafeSerializer("server-side-secret")


@app.route("/cart")
def cart():
    raw = request.cookies.get("cart")
    if not raw:
        return jsonify(items=[])
    # ruleid: python.unsafe-deserialization
    items = pickle.loads(base64.b64decode(raw))
    return jsonify(items=items)


@app.route("/api/import", methods=["POST"])
def import_objects():
    payload = request.get_data()
    # ruleid: python.unsafe-deserialization
    objects = jsonpickle.decode(payload)
    return jsonify(count=len(objects))


@app.route("/api/model", methods=["POST"])
def upload_model():
    f = request.files["model"]
    # ruleid: python.unsafe-deserialization
    model = dill.load(f.stream)
    return jsonify(kind=type(model).__name__)


def worker(port=9000):
    srv = socket.socket()
    srv.bind(("0.0.0.0", port))
    srv.listen()
    conn, _ = srv.accept()
    data = conn.recv(65536)
    # ruleid: python.unsafe-deserialization
    task = pickle.loads(data)
    return task


def fetch_cached_model(url):
    blob = requests.get(url, timeout=10).content
    # ruleid: python.unsafe-deserialization
    return pickle.loads(blob)


@app.route("/cart-safe")
def cart_safe():
    raw = request.cookies.get("cart", "[]")
    # ok: python.unsafe-deserialization
    items = json.loads(raw)
    return jsonify(items=items)


@app.route("/prefs")
def prefs():
    token = request.cookies.get("prefs", "")
    # the signer rejects anything this server did not sign
    # ok: python.unsafe-deserialization
    data = signer.loads(token)
    return jsonify(prefs=data)


def load_local_cache(path="cache/state.pkl"):
    with open(path, "rb") as fh:
        # a file this program wrote itself
        # ok: python.unsafe-deserialization
        return pickle.load(fh)


@app.route("/save")
def save():
    resp = make_response("saved")
    # ok: python.unsafe-deserialization
    resp.set_cookie("state", base64.b64encode(pickle.dumps({"step": 1})).decode())
    return resp
