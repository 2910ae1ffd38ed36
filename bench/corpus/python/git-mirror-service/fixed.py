"""Mirror service: clones a repository the user names and reports its size."""
import re
import shutil
import subprocess
import tempfile

from flask import Flask, jsonify, request

app = Flask(__name__)
REPO_URL = re.compile(r"^https://(github\.com|gitlab\.com)/[\w.-]+/[\w.-]+(\.git)?$")
BRANCH = re.compile(r"^[\w./-]{1,100}$")


@app.post("/api/mirror")
def mirror():
    repo = request.json.get("repo", "")
    branch = request.json.get("branch", "main")
    if not REPO_URL.match(repo) or not BRANCH.match(branch) or branch.startswith("-"):
        return jsonify(error="unsupported repository or branch"), 400
    workdir = tempfile.mkdtemp(prefix="mirror-")
    try:
        subprocess.run(["git", "clone", "--depth", "1", "--branch", branch, "--", repo, workdir], check=True, timeout=120)  # bench: safe CWE-88
        size = subprocess.run(["du", "-sh", workdir], capture_output=True, text=True).stdout.split()[0]
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return jsonify(repo=repo, size=size)
