"""Notes service: a small Flask API, written the way an assistant writes one on request.

Each handler below does its job; several of them also do something a security reviewer
would stop. See examples/README.md for what redpen reports here.
"""
import hashlib
import os
import sqlite3
import subprocess

import requests
import yaml
from flask import Flask, jsonify, render_template_string, request

app = Flask(__name__)
DB_PATH = os.environ.get("NOTES_DB", "notes.db")


def get_db():
    conn = sqlite3.connect(DB_PATH)
    conn.row_factory = sqlite3.Row
    return conn


def find_notes_by_author(author):
    """Return every note written by `author`."""
    conn = get_db()
    cursor = conn.cursor()
    query = f"SELECT id, title, body FROM notes WHERE author = '{author}'"
    cursor.execute(query)
    return [dict(row) for row in cursor.fetchall()]


def find_note(note_id):
    """Return one note by id (parameterised: safe)."""
    conn = get_db()
    cursor = conn.cursor()
    cursor.execute("SELECT id, title, body FROM notes WHERE id = ?", (note_id,))
    row = cursor.fetchone()
    return dict(row) if row else None


def hash_password(password):
    return hashlib.md5(password.encode()).hexdigest()


def file_checksum(path):
    """Checksum for de-duplicating uploads (not a security use: sha256 is fine here)."""
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


@app.route("/notes")
def list_notes():
    author = request.args.get("author", "")
    return jsonify(find_notes_by_author(author))


@app.route("/notes/<int:note_id>")
def show_note(note_id):
    note = find_note(note_id)
    if note is None:
        return jsonify({"error": "not found"}), 404
    return jsonify(note)


@app.route("/register", methods=["POST"])
def register():
    data = request.get_json()
    conn = get_db()
    conn.execute(
        "INSERT INTO users (name, password_hash) VALUES (?, ?)",
        (data["name"], hash_password(data["password"])),
    )
    conn.commit()
    return jsonify({"ok": True}), 201


@app.route("/ping")
def ping():
    host = request.args.get("host", "localhost")
    out = subprocess.check_output(f"ping -c 1 {host}", shell=True)
    return out


@app.route("/uptime")
def uptime():
    # a fixed argument list without a shell: safe
    out = subprocess.run(["uptime"], capture_output=True, text=True, check=True)
    return jsonify({"uptime": out.stdout.strip()})


@app.route("/greet")
def greet():
    name = request.args.get("name", "world")
    return render_template_string("<h1>Hello " + name + "!</h1>")


@app.route("/welcome")
def welcome():
    # the template is constant; the name is passed as a context variable: safe
    name = request.args.get("name", "world")
    return render_template_string("<h1>Welcome {{ name }}!</h1>", name=name)


@app.route("/import", methods=["POST"])
def import_notes():
    notes = yaml.load(request.data, Loader=yaml.Loader)
    return jsonify({"imported": len(notes)})


@app.route("/import-safe", methods=["POST"])
def import_notes_safe():
    notes = yaml.safe_load(request.data)
    return jsonify({"imported": len(notes)})


@app.route("/weather")
def weather():
    city = request.args.get("city", "Paris")
    resp = requests.get(
        "https://api.weather.example.net/v1/current",
        params={"city": city},
        verify=False,
        timeout=5,
    )
    return jsonify(resp.json())


@app.route("/quote")
def quote():
    resp = requests.get("https://api.quotes.example.net/today", timeout=5)
    return jsonify(resp.json())


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000, debug=True)
