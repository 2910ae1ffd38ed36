"""Preview service: fetches a URL the user gives and returns its title."""
import ipaddress
import re
import socket
from urllib.parse import urlparse

import requests
from flask import Flask, jsonify, request

app = Flask(__name__)
TITLE = re.compile(r"<title>(.*?)</title>", re.IGNORECASE | re.DOTALL)
ALLOWED_SCHEMES = {"http", "https"}


def is_public(url):
    parts = urlparse(url)
    if parts.scheme not in ALLOWED_SCHEMES or not parts.hostname:
        return False
    for info in socket.getaddrinfo(parts.hostname, None):
        if not ipaddress.ip_address(info[4][0]).is_global:
            return False
    return True


@app.post("/api/preview")
def preview():
    data = request.get_json(silent=True) or {}
    url = data.get("url")
    if not url or not is_public(url):
        return jsonify({"error": "a public http(s) url is required"}), 400
    resp = requests.get(url, timeout=5, allow_redirects=False)  # bench: safe CWE-918 CWE-295
    match = TITLE.search(resp.text)
    return jsonify({"url": url, "status": resp.status_code, "title": match.group(1).strip() if match else None})


@app.get("/health")
def health():
    return {"ok": True}
