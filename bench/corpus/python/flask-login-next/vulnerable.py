"""Session login with a return-to parameter."""
import os

from flask import Flask, redirect, render_template, request, session, url_for
from werkzeug.security import check_password_hash

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET"]
USERS = {"alice": "pbkdf2:sha256:600000$..."}


@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template("login.html", next=request.args.get("next", ""))
    username = request.form["username"]
    if not check_password_hash(USERS.get(username, ""), request.form["password"]):
        return render_template("login.html", error="Invalid credentials"), 401
    session["user"] = username
    target = request.form.get("next") or url_for("dashboard")
    return redirect(target)  # bench: vuln CWE-601


@app.route("/logout")
def logout():
    session.clear()
    return redirect(request.args.get("return_to", "/"))  # bench: vuln CWE-601


@app.route("/dashboard")
def dashboard():
    return render_template("dashboard.html", user=session.get("user"))
