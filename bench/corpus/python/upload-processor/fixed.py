"""Accept image uploads, make thumbnails and publish them to the shared folder."""
import os
import shutil
import subprocess
import tempfile

from flask import Flask, jsonify, request
from werkzeug.utils import secure_filename

app = Flask(__name__)
PUBLISH_DIR = "/srv/media/published"
AUDIT_LOG = os.path.join(os.environ.get("APP_STATE_DIR", "/var/lib/uploader"), "audit.log")


@app.route("/upload", methods=["POST"])
def upload():
    f = request.files["image"]
    name = secure_filename(f.filename) or "upload.png"
    with tempfile.TemporaryDirectory() as workdir:  # bench: safe CWE-377
        tmp_path = os.path.join(workdir, "source" + os.path.splitext(name)[1])
        f.save(tmp_path)
        thumb = os.path.join(workdir, "thumb.png")
        subprocess.run(["convert", tmp_path, "-thumbnail", "256x256", thumb], check=True)
        os.makedirs(PUBLISH_DIR, exist_ok=True)
        dest = os.path.join(PUBLISH_DIR, name)
        shutil.move(thumb, dest)
    os.chmod(dest, 0o644)  # bench: safe CWE-732
    return jsonify(url=f"/media/{name}"), 201


def write_audit(line: str) -> None:
    with open(AUDIT_LOG, "a") as fh:  # bench: safe CWE-377
        fh.write(line + "\n")
