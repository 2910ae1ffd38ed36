import ipaddress
import socket
import urllib.request
from urllib.parse import quote, urlparse

import httpx
import requests
from fastapi import FastAPI
from flask import Flask, jsonify, request

app = Flask(__name__)
api = FastAPI()

API_BASE = "https://api.example.com"
ALLOWED_HOSTS = {"images.example.com", "cdn.example.com"}


@app.route("/fetch")
def fetch():
    url = request.args.get("url")
    # ruleid: python.ssrf
    resp = requests.get(url, timeout=5)
    return resp.text


@app.route("/preview", methods=["POST"])
def preview():
    data = request.get_json()
    # ruleid: python.ssrf
    with urllib.request.urlopen(data["link"]) as r:
        return jsonify(title=r.read(200).decode())


@app.route("/webhook/test", methods=["POST"])
def test_webhook():
    target = request.form["callback"]
    session = requests.Session()
    # ruleid: python.ssrf
    session.post(target, json={"ping": True}, timeout=3)
    return "sent"


@api.get("/proxy")
async def proxy(host: str):
    async with httpx.AsyncClient() as client:
        # ruleid: python.ssrf
        r = await client.get(f"http://{host}/status")
    return {"status": r.status_code}


@app.route("/user/<username>")
def github_user(username):
    # the host is fixed; the value only picks a path
    # ok: python.ssrf
    r = requests.get(f"https://api.github.com/users/{quote(username)}", timeout=5)
    return jsonify(r.json())


@app.route("/items")
def items():
    q = request.args.get("q", "")
    # ok: python.ssrf
    r = requests.get(API_BASE + "/search", params={"q": q}, timeout=5)
    return jsonify(r.json())


@app.route("/items/<item_id>")
def item(item_id):
    # ok: python.ssrf
    r = requests.get(f"{API_BASE}/items/{item_id}", timeout=5)
    return jsonify(r.json())


@app.route("/image")
def image():
    url = request.args.get("url", "")
    host = urlparse(url).hostname
    if host not in ALLOWED_HOSTS:
        return jsonify(error="host not allowed"), 400
    # ok: python.ssrf
    r = requests.get(url, timeout=5)
    return r.content


@app.route("/status")
def status():
    # ok: python.ssrf
    r = requests.get("https://status.example.com/health", timeout=5)
    return jsonify(up=r.ok)


def is_public_url(url):
    parts = urlparse(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    return all(ipaddress.ip_address(info[4][0]).is_global for info in socket.getaddrinfo(parts.hostname, None))


@app.route("/preview-checked")
def preview_checked():
    url = request.args.get("url", "")
    if not is_public_url(url):
        return jsonify(error="a public http(s) URL is required"), 400
    # ok: python.ssrf
    return requests.get(url, timeout=5, allow_redirects=False).text
