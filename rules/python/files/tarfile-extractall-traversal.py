import os
import tarfile
from pathlib import Path

from flask import Flask, jsonify, request

app = Flask(__name__)
EXTRACT_ROOT = Path("/srv/imports")


@app.route("/import", methods=["POST"])
def import_archive():
    upload = request.files["archive"]
    path = EXTRACT_ROOT / "incoming.tar.gz"
    upload.save(path)
    with tarfile.open(path) as tar:
        # ruleid: python.tarfile-extractall-traversal
        tar.extractall(EXTRACT_ROOT / "data")
    return jsonify(status="imported")


def unpack_backup(archive_path, dest):
    tar = tarfile.open(archive_path, "r:gz")
    # ruleid: python.tarfile-extractall-traversal
    tar.extractall(path=dest)
    tar.close()


def fetch_dataset(archive_path):
    # ruleid: python.tarfile-extractall-traversal
    tarfile.open(archive_path).extractall("datasets/")


def extract_readme(archive_path, dest):
    with tarfile.open(archive_path) as tar:
        # ruleid: python.tarfile-extractall-traversal
        tar.extract("README.md", dest)


def unpack_backup_safe(archive_path, dest):
    with tarfile.open(archive_path, "r:gz") as tar:
        # ok: python.tarfile-extractall-traversal
        tar.extractall(path=dest, filter="data")


def unpack_checked(archive_path, dest):
    dest = os.path.realpath(dest)
    with tarfile.open(archive_path) as tar:
        safe = [m for m in tar.getmembers() if os.path.realpath(os.path.join(dest, m.name)).startswith(dest + os.sep)]
        # ok: python.tarfile-extractall-traversal
        tar.extractall(dest, members=safe)


def list_names(archive_path):
    with tarfile.open(archive_path) as tar:
        # ok: python.tarfile-extractall-traversal
        return tar.getnames()
