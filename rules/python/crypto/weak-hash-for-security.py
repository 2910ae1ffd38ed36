import hashlib
import hmac
import os
import time

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from flask import Flask, abort, jsonify, request

app = Flask(__name__)
API_SIGNING_SECRET = os.environ["API_SIGNING_SECRET"]


def create_reset_token(user_id: int) -> str:
    raw = f"{user_id}:{time.time()}:{os.getpid()}"
    # ruleid: python.weak-hash-for-security
    return hashlib.md5(raw.encode()).hexdigest()


@app.route("/api/orders", methods=["POST"])
def create_order():
    body = request.get_data()
    # ruleid: python.weak-hash-for-security
    expected = hashlib.sha1(API_SIGNING_SECRET.encode() + body).hexdigest()
    if request.headers.get("X-Signature") != expected:
        abort(401)
    return jsonify(ok=True)


def issue_api_key(account_id: str) -> str:
    seed = account_id + str(time.time_ns())
    # ruleid: python.weak-hash-for-security
    api_key = hashlib.new("md5", seed.encode()).hexdigest()
    return api_key


def sign_document(private_key, document: bytes) -> bytes:
    # ruleid: python.weak-hash-for-security
    return private_key.sign(document, padding.PKCS1v15(), hashes.SHA1())


def file_fingerprint(path: str) -> str:
    """Cache key for the thumbnail cache: not a security boundary."""
    with open(path, "rb") as fh:
        # ok: python.weak-hash-for-security
        return hashlib.md5(fh.read()).hexdigest()


def etag_for(content: bytes) -> str:
    # ok: python.weak-hash-for-security
    return hashlib.md5(content, usedforsecurity=False).hexdigest()


def create_session_id() -> str:
    # ok: python.weak-hash-for-security
    return hashlib.sha256(os.urandom(32)).hexdigest()


def verify_webhook(body: bytes, received: str) -> bool:
    # ok: python.weak-hash-for-security
    expected = hmac.new(API_SIGNING_SECRET.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, received)


def sign_document_pss(private_key, document: bytes) -> bytes:
    # ok: python.weak-hash-for-security
    return private_key.sign(document, padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.MAX_LENGTH), hashes.SHA256())


def gravatar_url(email: str) -> str:
    # ok: python.weak-hash-for-security
    digest = hashlib.md5(email.strip().lower().encode()).hexdigest()
    return f"https://www.gravatar.com/avatar/{digest}"
