"""Report archive: users download generated CSV reports by name."""
import os

from flask import Flask, abort, jsonify, request, send_from_directory
from werkzeug.utils import secure_filename

app = Flask(__name__)
REPORT_DIR = os.path.join(os.path.dirname(__file__), "reports")


@app.get("/reports")
def list_reports():
    return jsonify(sorted(os.listdir(REPORT_DIR)))


@app.get("/reports/download")
def download():
    name = request.args.get("name")
    if not name:
        abort(400)
    return send_from_directory(REPORT_DIR, name, as_attachment=True)  # bench: safe CWE-22


@app.delete("/reports/<path:name>")
def delete(name):
    os.remove(os.path.join(REPORT_DIR, secure_filename(name)))  # bench: safe CWE-22
    return jsonify(deleted=name)
