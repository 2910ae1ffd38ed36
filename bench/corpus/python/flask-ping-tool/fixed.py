"""Network diagnostics API: ping and traceroute a host from the server."""
import re
import subprocess

from flask import Flask, jsonify, request

app = Flask(__name__)
HOSTNAME = re.compile(r"^[A-Za-z0-9.-]{1,253}$")


def run(args):
    proc = subprocess.run(args, capture_output=True, text=True, timeout=30)  # bench: safe CWE-78
    return proc.returncode, proc.stdout


@app.route("/api/ping")
def ping():
    host = request.args.get("host", "")
    count = int(request.args.get("count", "3"))
    if not HOSTNAME.match(host) or host.startswith("-"):
        return jsonify(error="a valid host name is required"), 400
    code, out = run(["ping", "-c", str(min(count, 10)), "--", host])
    return jsonify(ok=code == 0, output=out)


@app.route("/api/traceroute")
def traceroute():
    host = request.args.get("host", "")
    if not HOSTNAME.match(host) or host.startswith("-"):
        return jsonify(error="a valid host name is required"), 400
    code, out = run(["traceroute", "-m", "15", "--", host])  # bench: safe CWE-78
    return jsonify(ok=code == 0, output=out)


@app.route("/health")
def health():
    return jsonify(status="up")


if __name__ == "__main__":
    app.run(port=8080)
