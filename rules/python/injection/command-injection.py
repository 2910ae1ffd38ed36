import os
import re
import shlex
import subprocess
import sys

from fastapi import FastAPI
from flask import Flask, jsonify, request

app = Flask(__name__)
api = FastAPI()

ALLOWED_FORMATS = {"png", "jpg", "webp"}


@app.route("/api/ping")
def ping():
    host = request.args.get("host", "")
    # ruleid: python.command-injection
    result = subprocess.run(f"ping -c 2 {host}", shell=True, capture_output=True, text=True)
    return jsonify(output=result.stdout)


@app.route("/api/convert", methods=["POST"])
def convert():
    data = request.get_json()
    src = data["file"]
    fmt = data.get("format", "png")
    cmd = "convert uploads/" + src + " out." + fmt
    # ruleid: python.command-injection
    os.system(cmd)
    return jsonify(status="ok")


def lookup(domain):
    # ruleid: python.command-injection
    return subprocess.check_output("nslookup " + domain, shell=True, text=True)


@api.get("/dns")
def dns(domain: str):
    return {"answer": lookup(domain)}


@app.route("/api/run-script")
def run_script():
    script = request.args["script"]
    # the program itself comes from the request
    # ruleid: python.command-injection
    subprocess.run([script, "--verbose"], check=True)
    return "done"


@app.route("/api/ping-safe")
def ping_safe():
    host = request.args.get("host", "")
    # ok: python.command-injection
    result = subprocess.run(["ping", "-c", "2", "--", host], capture_output=True, text=True)
    return jsonify(output=result.stdout)


@app.route("/api/ping-quoted")
def ping_quoted():
    host = request.args.get("host", "")
    # ok: python.command-injection
    out = subprocess.check_output("ping -c 2 " + shlex.quote(host), shell=True, text=True)
    return jsonify(output=out)


@app.route("/api/thumbnail")
def thumbnail():
    fmt = request.args.get("format", "png")
    if fmt not in ALLOWED_FORMATS:
        return jsonify(error="bad format"), 400
    # ok: python.command-injection
    os.system(f"convert input.bmp output.{fmt}")
    return jsonify(status="ok")


@app.route("/api/service/<name>")
def restart(name):
    if not re.fullmatch(r"[a-z0-9-]{1,32}", name):
        return jsonify(error="bad name"), 400
    # ok: python.command-injection
    os.system(f"systemctl restart {name}")
    return jsonify(status="restarted")


@app.route("/api/status")
def status():
    # constant command: no user data
    # ok: python.command-injection
    out = subprocess.check_output("systemctl status nginx", shell=True, text=True)
    return jsonify(output=out)


def main():
    target = sys.argv[1]
    # ruleid: python.command-injection
    os.system("tar czf backup.tgz " + target)


if __name__ == "__main__":
    main()
