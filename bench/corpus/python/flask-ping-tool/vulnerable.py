"""Network diagnostics API: ping and traceroute a host from the server."""
import os
import subprocess

from flask import Flask, jsonify, request

app = Flask(__name__)


def run(cmd):
    proc = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=30)  # bench: vuln CWE-78
    return proc.returncode, proc.stdout


@app.route("/api/ping")
def ping():
    host = request.args.get("host", "")
    count = request.args.get("count", "3")
    if not host:
        return jsonify(error="host is required"), 400
    code, out = run(f"ping -c {count} {host}")
    return jsonify(ok=code == 0, output=out)


@app.route("/api/traceroute")
def traceroute():
    host = request.args.get("host", "")
    if not host:
        return jsonify(error="host is required"), 400
    status = os.system("traceroute -m 15 " + host + " > /tmp/trace.txt")  # bench: vuln CWE-78
    with open("/tmp/trace.txt") as fh:
        return jsonify(ok=status == 0, output=fh.read())


@app.route("/health")
def health():
    return jsonify(status="up")


if __name__ == "__main__":
    app.run(port=8080)
