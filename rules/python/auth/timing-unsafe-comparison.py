import hashlib
import hmac
import os

from flask import Flask, abort, jsonify, request

app = Flask(__name__)
API_KEY = os.environ["API_KEY"]
WEBHOOK_SECRET = os.environ["WEBHOOK_SECRET"].encode()


@app.route("/api/reports")
def reports():
    # ruleid: python.timing-unsafe-comparison
    if request.headers.get("X-Api-Key") != API_KEY:
        abort(401)
    return jsonify(reports=[])


@app.route("/webhooks/github", methods=["POST"])
def github_webhook():
    signature = request.headers.get("X-Hub-Signature-256", "")
    expected = "sha256=" + hmac.new(WEBHOOK_SECRET, request.get_data(), hashlib.sha256).hexdigest()
    # ruleid: python.timing-unsafe-comparison
    if signature == expected:
        return jsonify(ok=True)
    abort(403)


def check_reset(user, submitted_token: str) -> bool:
    # ruleid: python.timing-unsafe-comparison
    return user.reset_token == submitted_token


@app.route("/api/reports-safe")
def reports_safe():
    # ok: python.timing-unsafe-comparison
    if not hmac.compare_digest(request.headers.get("X-Api-Key", ""), API_KEY):
        abort(401)
    return jsonify(reports=[])


def token_present(token) -> bool:
    # ok: python.timing-unsafe-comparison
    if token == "" or token is None:
        return False
    # ok: python.timing-unsafe-comparison
    return len(token) == 32


def next_page(pages, next_token):
    for page in pages:
        # a pagination token is not a secret
        # ok: python.timing-unsafe-comparison
        if page.token == next_token:
            return page
    return None


def check_session(stored_token: str) -> bool:
    token = request.cookies.get("session", "")
    # ruleid: python.timing-unsafe-comparison
    return token == stored_token


def is_name(token, tokenize) -> bool:
    # a parser token, not a credential
    # ok: python.timing-unsafe-comparison
    return token.type == tokenize.NAME


def check_reset_code(row, submitted: dict) -> bool:
    # "code" alone is too common a name to treat as a secret
    # todoruleid: python.timing-unsafe-comparison
    return submitted["code"] == row.reset_code
