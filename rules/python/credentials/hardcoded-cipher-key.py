import base64
import hashlib
import hmac
import os

from Crypto.Cipher import AES
from Crypto.Random import get_random_bytes
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

ENCRYPTION_KEY = b"0123456789abcdef0123456789abcdef"
WEBHOOK_SECRET = b"whsec_local_signing_key"


def encrypt_card_number(card_number: str) -> bytes:
    # ruleid: python.hardcoded-cipher-key
    cipher = AES.new(ENCRYPTION_KEY, AES.MODE_GCM)
    ciphertext, tag = cipher.encrypt_and_digest(card_number.encode())
    return cipher.nonce + tag + ciphertext


def encrypt_notes(notes: str) -> bytes:
    # ruleid: python.hardcoded-cipher-key
    f = Fernet(b"8Qv0hXb9k3Xr3mN1a2B4c6D8e0F2g4H6i8J0k2L4m6N=")
    return f.encrypt(notes.encode())


def seal(data: bytes) -> bytes:
    # ruleid: python.hardcoded-cipher-key
    aead = AESGCM("thirty-two-byte-long-secret-key!".encode())
    nonce = os.urandom(12)
    return nonce + aead.encrypt(nonce, data, None)


def sign_webhook(body: bytes) -> str:
    # ruleid: python.hardcoded-cipher-key
    return hmac.new(WEBHOOK_SECRET, body, hashlib.sha256).hexdigest()


def load_key() -> bytes:
    return base64.b64decode(os.environ["DATA_KEY"])


def encrypt_record(record: bytes) -> bytes:
    # ok: python.hardcoded-cipher-key
    cipher = AES.new(load_key(), AES.MODE_GCM)
    ciphertext, tag = cipher.encrypt_and_digest(record)
    return cipher.nonce + tag + ciphertext


def new_session_cipher():
    key = get_random_bytes(32)
    # ok: python.hardcoded-cipher-key
    return AES.new(key, AES.MODE_GCM), key


def verify_signature(body: bytes, received: str) -> bool:
    secret = os.environ["WEBHOOK_SECRET"].encode()
    # ok: python.hardcoded-cipher-key
    expected = hmac.new(secret, body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, received)


def rotate() -> Fernet:
    # ok: python.hardcoded-cipher-key
    return Fernet(Fernet.generate_key())


def test_encrypt_roundtrip():
    # ok: python.hardcoded-cipher-key
    f = Fernet(b"8Qv0hXb9k3Xr3mN1a2B4c6D8e0F2g4H6i8J0k2L4m6N=")
    assert f.decrypt(f.encrypt(b"x")) == b"x"
