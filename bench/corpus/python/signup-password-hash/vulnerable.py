"""User sign-up and login for the community forum."""
import hashlib
import sqlite3

from flask import Flask, jsonify, request, session

app = Flask(__name__)
app.secret_key = "forum-dev-secret-8f2a"  # bench: vuln CWE-798


def db():
    conn = sqlite3.connect("forum.db")
    conn.execute("CREATE TABLE IF NOT EXISTS users (name TEXT PRIMARY KEY, pw TEXT)")
    return conn


def hash_password(password):
    return hashlib.md5(password.encode()).hexdigest()  # bench: vuln CWE-916 CWE-328


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
    if row is None or row[0] != hash_password(body["password"]):
        return jsonify({"error": "invalid credentials"}), 401
    session["user"] = body["name"]
    return jsonify({"ok": True})
