import os
import shutil
import uuid

from django.core.files.storage import FileSystemStorage
from django.http import JsonResponse
from fastapi import FastAPI, File, UploadFile
from flask import Flask, jsonify, request
from werkzeug.utils import secure_filename

app = Flask(__name__)
api = FastAPI()
UPLOAD_FOLDER = "/srv/uploads"
ALLOWED_EXTENSIONS = {"png", "jpg", "jpeg", "gif"}


def allowed_file(filename):
    return "." in filename and filename.rsplit(".", 1)[1].lower() in ALLOWED_EXTENSIONS


@app.route("/upload", methods=["POST"])
def upload():
    file = request.files["file"]
    if file.filename == "":
        return jsonify(error="no file"), 400
    # ruleid: python.unrestricted-file-upload
    file.save(os.path.join(UPLOAD_FOLDER, file.filename))
    return jsonify(status="uploaded")


@api.post("/avatar")
async def avatar(image: UploadFile = File(...)):
    path = f"static/avatars/{image.filename}"
    # ruleid: python.unrestricted-file-upload
    with open(path, "wb") as out:
        shutil.copyfileobj(image.file, out)
    return {"path": path}


def django_upload(request):
    doc = request.FILES["document"]
    fs = FileSystemStorage(location="media/docs")
    # ruleid: python.unrestricted-file-upload
    name = fs.save(doc.name, doc)
    return JsonResponse({"url": fs.url(name)})


@app.route("/upload-safe", methods=["POST"])
def upload_safe():
    file = request.files["file"]
    if not file or not allowed_file(file.filename):
        return jsonify(error="file type not allowed"), 400
    filename = secure_filename(file.filename)
    # ok: python.unrestricted-file-upload
    file.save(os.path.join(UPLOAD_FOLDER, filename))
    return jsonify(status="uploaded")


@api.post("/avatar-safe")
async def avatar_safe(image: UploadFile = File(...)):
    ext = os.path.splitext(image.filename)[1].lower()
    if ext not in {".png", ".jpg"}:
        return {"error": "unsupported type"}
    path = f"static/avatars/{uuid.uuid4().hex}{ext}"
    # ok: python.unrestricted-file-upload
    with open(path, "wb") as out:
        shutil.copyfileobj(image.file, out)
    return {"path": path}


@app.route("/notes", methods=["POST"])
def save_note():
    text = request.form.get("text", "")
    # a fixed file name: nothing from the client names the file
    # ok: python.unrestricted-file-upload
    with open(os.path.join(UPLOAD_FOLDER, "note.txt"), "w") as fh:
        fh.write(text)
    return jsonify(status="saved")
