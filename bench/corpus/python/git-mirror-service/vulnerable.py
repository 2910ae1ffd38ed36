"""Mirror service: clones a repository the user names and reports its size."""
import shutil
import subprocess
import tempfile

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.post("/api/mirror")
def mirror():
    repo = request.json.get("repo", "")
    branch = request.json.get("branch", "main")
    workdir = tempfile.mkdtemp(prefix="mirror-")
    try:
        subprocess.run(["git", "clone", "--depth", "1", "--branch", branch, repo, workdir], check=True, timeout=120)  # bench: vuln CWE-88
        size = subprocess.run(["du", "-sh", workdir], capture_output=True, text=True).stdout.split()[0]
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return jsonify(repo=repo, size=size)
