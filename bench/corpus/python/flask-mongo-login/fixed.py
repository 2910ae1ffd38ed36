"""Login and profile endpoints backed by MongoDB."""
import hashlib
import os

from flask import Flask, jsonify, request, session
from pymongo import MongoClient

app = Flask(__name__)
app.secret_key = os.environ["SECRET_KEY"]
db = MongoClient(os.environ.get("MONGO_URL", "mongodb://localhost:27017"))["app"]


def hash_password(password, salt):
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 200_000).hex()


@app.post("/api/login")
def login():
    body = request.get_json(force=True)
    username = str(body.get("username", ""))
    user = db.users.find_one({"username": username})  # bench: safe CWE-943
    if not user or hash_password(str(body.get("password", "")), user["salt"]) != user["password_hash"]:
        return jsonify(error="invalid credentials"), 401
    session["uid"] = str(user["_id"])
    return jsonify(ok=True)


@app.post("/api/users/search")
def search_users():
    body = request.get_json(force=True)
    prefix = str(body.get("prefix", ""))
    found = db.users.find({"username": {"$regex": "^" + re_escape(prefix)}}, {"username": 1, "_id": 0}).limit(20)  # bench: safe CWE-943
    return jsonify(users=[u["username"] for u in found])


def re_escape(text):
    import re

    return re.escape(text)


@app.get("/api/health")
def health():
    return jsonify(ok=True)
