import os
import shutil
from pathlib import Path

from django.http import FileResponse, HttpResponse
from fastapi import FastAPI
from fastapi.responses import FileResponse as StarletteFileResponse
from flask import Flask, abort, jsonify, request, send_file, send_from_directory
from werkzeug.utils import secure_filename

app = Flask(__name__)
api = FastAPI()
BASE_DIR = "/srv/app/reports"
DOCS = Path("/srv/app/docs").resolve()


@app.route("/download")
def download():
    name = request.args.get("file")
    # ruleid: python.path-traversal
    return send_file(os.path.join(BASE_DIR, name), as_attachment=True)


@app.route("/notes/<path:note>")
def read_note(note):
    # ruleid: python.path-traversal
    with open(f"notes/{note}.txt") as fh:
        return jsonify(text=fh.read())


@app.route("/docs/page")
def doc_page():
    page = request.args.get("page", "index.md")
    # ruleid: python.path-traversal
    content = (DOCS / page).read_text()
    return content


@app.route("/workspace", methods=["DELETE"])
def delete_workspace():
    ws = request.json["workspace"]
    # ruleid: python.path-traversal
    shutil.rmtree(os.path.join("/srv/workspaces", ws))
    return jsonify(status="deleted")


def serve_media(request):
    path = request.GET["path"]
    # ruleid: python.path-traversal
    return FileResponse(open(os.path.join("media", path), "rb"))


@api.get("/logs/{name}")
def get_log(name: str):
    # ruleid: python.path-traversal
    return StarletteFileResponse(f"/var/log/app/{name}")


@app.route("/download-safe")
def download_safe():
    name = request.args.get("file", "")
    # ok: python.path-traversal
    return send_from_directory(BASE_DIR, name, as_attachment=True)


@app.route("/notes-safe/<note>")
def read_note_safe(note):
    # ok: python.path-traversal
    with open(os.path.join("notes", secure_filename(note) + ".txt")) as fh:
        return jsonify(text=fh.read())


@app.route("/docs/page-safe")
def doc_page_safe():
    page = request.args.get("page", "index.md")
    target = (DOCS / page).resolve()
    if not target.is_relative_to(DOCS):
        abort(404)
    # ok: python.path-traversal
    return target.read_text()


@app.route("/reports/latest")
def latest_report():
    real = os.path.realpath(os.path.join(BASE_DIR, request.args.get("name", "")))
    if not real.startswith(BASE_DIR + os.sep):
        abort(403)
    # ok: python.path-traversal
    return send_file(real)


def serve_static(request):
    # ok: python.path-traversal
    with open(os.path.join("static", "robots.txt")) as fh:
        return HttpResponse(fh.read(), content_type="text/plain")
