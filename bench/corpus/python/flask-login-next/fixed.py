"""Session login with a return-to parameter."""
import os
from urllib.parse import urlparse

from flask import Flask, redirect, render_template, request, session, url_for
from werkzeug.security import check_password_hash

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET"]
USERS = {"alice": "pbkdf2:sha256:600000$..."}


def is_local_url(target):
    parts = urlparse(target)
    return not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//")


@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template("login.html", next=request.args.get("next", ""))
    username = request.form["username"]
    if not check_password_hash(USERS.get(username, ""), request.form["password"]):
        return render_template("login.html", error="Invalid credentials"), 401
    session["user"] = username
    target = request.form.get("next", "")
    if not is_local_url(target):
        target = url_for("dashboard")
    return redirect(target)  # bench: safe CWE-601


@app.route("/logout")
def logout():
    session.clear()
    return redirect(url_for("login"))  # bench: safe CWE-601


@app.route("/dashboard")
def dashboard():
    return render_template("dashboard.html", user=session.get("user"))
