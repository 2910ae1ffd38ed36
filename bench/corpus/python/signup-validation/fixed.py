"""Validate sign-up forms for the newsletter service."""
import re

from flask import Flask, jsonify, request

app = Flask(__name__)

EMAIL_PATTERN = re.compile(r"^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63}){1,4}$")  # bench: safe CWE-1333
NAME_PATTERN = re.compile(r"^[A-Za-z][A-Za-z' -]{0,63}$")


@app.route("/subscribe", methods=["POST"])
def subscribe():
    email = request.form.get("email", "")
    name = request.form.get("name", "")
    if len(email) > 254 or not EMAIL_PATTERN.match(email):
        return jsonify(error="invalid email"), 400
    if not NAME_PATTERN.match(name):
        return jsonify(error="invalid name"), 400
    tags = request.form.get("tags", "")
    if not re.fullmatch(r"\w+(,\w+)*,?", tags):  # bench: safe CWE-1333
        return jsonify(error="invalid tags"), 400
    return jsonify(ok=True), 201
