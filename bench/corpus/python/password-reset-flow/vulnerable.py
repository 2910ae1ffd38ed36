"""Password reset by e-mailed code."""
import hashlib
import random
import sqlite3
import time

from flask import Flask, jsonify, request

app = Flask(__name__)


def db():
    conn = sqlite3.connect("accounts.db")
    conn.execute("CREATE TABLE IF NOT EXISTS resets (email TEXT PRIMARY KEY, code TEXT, expires REAL)")
    conn.execute("CREATE TABLE IF NOT EXISTS users (email TEXT PRIMARY KEY, pw_hash TEXT)")
    return conn


def send_mail(to: str, body: str) -> None:
    print(f"mail to {to}: {len(body)} bytes")


@app.route("/reset/request", methods=["POST"])
def request_reset():
    email = request.json["email"]
    reset_code = str(random.randint(100000, 999999))  # bench: vuln CWE-338
    with db() as conn:
        conn.execute("REPLACE INTO resets VALUES (?, ?, ?)", (email, reset_code, time.time() + 900))
    send_mail(email, f"Your reset code is {reset_code}")
    return jsonify(ok=True)


@app.route("/reset/confirm", methods=["POST"])
def confirm_reset():
    body = request.json
    with db() as conn:
        row = conn.execute("SELECT code, expires FROM resets WHERE email = ?", (body["email"],)).fetchone()
        if row is None or row[1] < time.time() or body["code"] != row[0]:
            return jsonify(error="invalid code"), 400
        new_hash = hashlib.sha256(body["new_password"].encode()).hexdigest()  # bench: vuln CWE-916
        conn.execute("UPDATE users SET pw_hash = ? WHERE email = ?", (new_hash, body["email"]))
        conn.execute("DELETE FROM resets WHERE email = ?", (body["email"],))
    return jsonify(ok=True)
