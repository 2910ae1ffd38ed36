import hashlib
import os
import sqlite3

import bcrypt
import requests
from argon2 import PasswordHasher
from flask import Flask, jsonify, request

app = Flask(__name__)
ph = PasswordHasher()


def get_db():
    return sqlite3.connect("users.db")


@app.route("/register", methods=["POST"])
def register():
    username = request.json["username"]
    password = request.json["password"]
    # ruleid: python.password-fast-hash
    password_hash = hashlib.md5(password.encode()).hexdigest()
    db = get_db()
    db.execute("INSERT INTO users (username, password_hash) VALUES (?, ?)", (username, password_hash))
    db.commit()
    return jsonify(status="created"), 201


def hash_password(raw: str, salt: bytes) -> str:
    # ruleid: python.password-fast-hash
    return hashlib.sha256(salt + raw.encode()).hexdigest()


class User:
    def __init__(self, name, password):
        self.name = name
        self.set_password(password)

    def set_password(self, password):
        salt = os.urandom(16).hex()
        # ruleid: python.password-fast-hash
        digest = hashlib.sha512((salt + password).encode()).hexdigest()
        self.password_hash = f"{salt}${digest}"


def derive_login_key(password: str, salt: bytes) -> bytes:
    # ruleid: python.password-fast-hash
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 1000)


def derive_session_key(password: str, salt: bytes) -> bytes:
    # ruleid: python.password-fast-hash
    return hashlib.pbkdf2_hmac("sha1", password.encode(), salt, iterations=10_000)


def derive_token_key(password: str, salt: bytes) -> bytes:
    # ruleid: python.password-fast-hash
    return hashlib.pbkdf2_hmac(hash_name="sha256", password=password.encode(), salt=salt, iterations=5000)


@app.route("/register-safe", methods=["POST"])
def register_safe():
    username = request.json["username"]
    # ok: python.password-fast-hash
    password_hash = ph.hash(request.json["password"])
    db = get_db()
    db.execute("INSERT INTO users (username, password_hash) VALUES (?, ?)", (username, password_hash))
    db.commit()
    return jsonify(status="created"), 201


def hash_password_bcrypt(password: str) -> bytes:
    # ok: python.password-fast-hash
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=12))


def derive_key_strong(password: str, salt: bytes) -> bytes:
    # ok: python.password-fast-hash
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)


def derive_key_strong_keywords(password: str, salt: bytes) -> bytes:
    # ok: python.password-fast-hash
    return hashlib.pbkdf2_hmac(hash_name="sha512", password=password.encode(), salt=salt, iterations=210_000)


def file_digest(path: str) -> str:
    with open(path, "rb") as fh:
        # ok: python.password-fast-hash
        return hashlib.sha256(fh.read()).hexdigest()


def password_is_pwned(password: str) -> bool:
    # ok: python.password-fast-hash
    digest = hashlib.sha1(password.encode()).hexdigest().upper()
    prefix, suffix = digest[:5], digest[5:]
    resp = requests.get(f"https://api.pwnedpasswords.com/range/{prefix}", timeout=5)
    return suffix in resp.text


def apop_digest(timestamp: bytes, password: str) -> str:
    material = timestamp + password.encode()
    # the password reaches the digest through another variable (not followed)
    # todoruleid: python.password-fast-hash
    return hashlib.md5(material).hexdigest()
