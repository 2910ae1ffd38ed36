"""A small notes app: Flask, SQLite, sessions."""
import sqlite3

from flask import Flask, jsonify, redirect, request, session, url_for

app = Flask(__name__)
app.config["SECRET_KEY"] = "notes-app-secret-2024"  # bench: vuln CWE-798
app.config["SESSION_COOKIE_SECURE"] = False  # bench: vuln CWE-614
app.config["SESSION_COOKIE_SAMESITE"] = "Lax"


def db():
    conn = sqlite3.connect("notes.db")
    conn.row_factory = sqlite3.Row
    conn.execute("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, owner TEXT, body TEXT)")
    return conn


@app.route("/login", methods=["POST"])
def login():
    session["user"] = request.form["username"]
    return redirect(url_for("list_notes"))


@app.route("/notes")
def list_notes():
    if "user" not in session:
        return redirect(url_for("login"))
    with db() as conn:
        rows = conn.execute("SELECT id, body FROM notes WHERE owner = ?", (session["user"],)).fetchall()
    return jsonify([dict(r) for r in rows])


@app.route("/notes", methods=["POST"])
def add_note():
    if "user" not in session:
        return jsonify(error="login required"), 401
    with db() as conn:
        conn.execute("INSERT INTO notes (owner, body) VALUES (?, ?)", (session["user"], request.form["body"]))
    return jsonify(ok=True), 201


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000, debug=True)  # bench: vuln CWE-489
