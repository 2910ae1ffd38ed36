"""Accept image uploads, make thumbnails and publish them to the shared folder."""
import os
import shutil
import subprocess
import tempfile

from flask import Flask, jsonify, request
from werkzeug.utils import secure_filename

app = Flask(__name__)
PUBLISH_DIR = "/srv/media/published"


@app.route("/upload", methods=["POST"])
def upload():
    f = request.files["image"]
    name = secure_filename(f.filename) or "upload.png"
    tmp_path = tempfile.mktemp(suffix=os.path.splitext(name)[1])  # bench: vuln CWE-377
    f.save(tmp_path)
    thumb = tmp_path + ".thumb.png"
    subprocess.run(["convert", tmp_path, "-thumbnail", "256x256", thumb], check=True)
    os.makedirs(PUBLISH_DIR, exist_ok=True)
    dest = os.path.join(PUBLISH_DIR, name)
    shutil.move(thumb, dest)
    os.chmod(dest, 0o777)  # bench: vuln CWE-732
    os.unlink(tmp_path)
    return jsonify(url=f"/media/{name}"), 201


def write_audit(line: str) -> None:
    with open("/tmp/upload-audit.log", "a") as fh:  # bench: vuln CWE-377
        fh.write(line + "\n")
