"""User sign-up and login for the community forum."""
import os
import sqlite3

from argon2 import PasswordHasher
from argon2.exceptions import VerifyMismatchError

from flask import Flask, jsonify, request, session

app = Flask(__name__)
app.secret_key = os.environ["FORUM_SECRET_KEY"]  # bench: safe CWE-798
hasher = PasswordHasher()


def db():
    conn = sqlite3.connect("forum.db")
    conn.execute("CREATE TABLE IF NOT EXISTS users (name TEXT PRIMARY KEY, pw TEXT)")
    return conn


def hash_password(password):
    return hasher.hash(password)  # bench: safe CWE-916 CWE-328


@app.post("/signup")
def signup():
    body = request.get_json(force=True)
    with db() as conn:
        conn.execute("INSERT INTO users (name, pw) VALUES (?, ?)", (body["name"], hash_password(body["password"])))
    return jsonify({"ok": True}), 201


@app.post("/login")
def login():
    body = request.get_json(force=True)
    with db() as conn:
        row = conn.execute("SELECT pw FROM users WHERE name = ?", (body["name"],)).fetchone()
    try:
        if row is None:
            raise VerifyMismatchError()
        hasher.verify(row[0], body["password"])
    except VerifyMismatchError:
        return jsonify({"error": "invalid credentials"}), 401
    session["user"] = body["name"]
    return jsonify({"ok": True})
