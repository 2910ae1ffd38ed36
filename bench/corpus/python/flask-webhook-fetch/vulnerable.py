"""Preview service: fetches a URL the user gives and returns its title."""
import re

import requests
from flask import Flask, jsonify, request

app = Flask(__name__)
TITLE = re.compile(r"<title>(.*?)</title>", re.IGNORECASE | re.DOTALL)


@app.post("/api/preview")
def preview():
    data = request.get_json(silent=True) or {}
    url = data.get("url")
    if not url:
        return jsonify({"error": "url is required"}), 400
    resp = requests.get(url, timeout=5, verify=False)  # bench: vuln CWE-918 CWE-295
    match = TITLE.search(resp.text)
    return jsonify({"url": url, "status": resp.status_code, "title": match.group(1).strip() if match else None})


@app.get("/health")
def health():
    return {"ok": True}
