"""Profile pictures: upload and serve user avatars."""
import os

from flask import Flask, jsonify, request, send_from_directory

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 4 * 1024 * 1024
UPLOAD_DIR = "static/avatars"


@app.post("/api/avatar")
def upload_avatar():
    if "avatar" not in request.files:
        return jsonify(error="no file part"), 400
    f = request.files["avatar"]
    if f.filename == "":
        return jsonify(error="no file selected"), 400
    os.makedirs(UPLOAD_DIR, exist_ok=True)
    f.save(os.path.join(UPLOAD_DIR, f.filename))  # bench: vuln CWE-434
    return jsonify(url=f"/avatars/{f.filename}"), 201


@app.get("/avatars/<name>")
def avatar(name):
    return send_from_directory(UPLOAD_DIR, name)
