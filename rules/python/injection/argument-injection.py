import asyncio
import subprocess

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/api/mirror", methods=["POST"])
def mirror():
    repo_url = request.json["url"]
    # ruleid: python.argument-injection
    subprocess.run(["git", "clone", repo_url, "/srv/mirrors/repo"], check=True)
    return jsonify(status="cloned")


@app.route("/api/fetch")
def fetch():
    url = request.args.get("url")
    # ruleid: python.argument-injection
    out = subprocess.check_output(["curl", "-sS", url], text=True)
    return out


@app.route("/api/search")
def search():
    term = request.args.get("q", "")
    # ruleid: python.argument-injection
    proc = subprocess.run(["git", "grep", "-n", term], capture_output=True, text=True, cwd="/srv/repo")
    return jsonify(lines=proc.stdout.splitlines())


async def extract(archive_name):
    # ruleid: python.argument-injection
    proc = await asyncio.create_subprocess_exec(
        "tar", "xf", archive_name, "-C", "/srv/extracted"
    )
    await proc.wait()


@app.route("/api/extract")
def extract_route():
    asyncio.run(extract(request.args["name"]))
    return "ok"


@app.route("/api/mirror-safe", methods=["POST"])
def mirror_safe():
    repo_url = request.json["url"]
    # ok: python.argument-injection
    subprocess.run(["git", "clone", "--", repo_url, "/srv/mirrors/repo"], check=True)
    return jsonify(status="cloned")


@app.route("/api/fetch-safe")
def fetch_safe():
    url = request.args.get("url", "")
    if not url.startswith(("https://", "http://")):
        return jsonify(error="only http(s) URLs"), 400
    # ok: python.argument-injection
    out = subprocess.check_output(["curl", "-sS", url], text=True)
    return out


@app.route("/api/log")
def log():
    # ok: python.argument-injection
    out = subprocess.check_output(["git", "log", "--oneline", "-n", "20"], text=True)
    return out


@app.route("/api/count")
def count():
    limit = int(request.args.get("n", "10"))
    # a number cannot become an option
    # ok: python.argument-injection
    out = subprocess.check_output(["git", "log", "--oneline", "-n", str(limit)], text=True)
    return out
