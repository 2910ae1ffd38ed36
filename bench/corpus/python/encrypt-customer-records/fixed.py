"""Encrypt sensitive customer fields before they are stored."""
import base64
import json
import os

from Crypto.Cipher import AES

ENCRYPTION_KEY = base64.b64decode(os.environ["FIELD_KEY"])


def encrypt_field(value: str) -> str:
    cipher = AES.new(ENCRYPTION_KEY, AES.MODE_GCM)  # bench: safe CWE-327 CWE-321
    ciphertext, tag = cipher.encrypt_and_digest(value.encode())
    return base64.b64encode(cipher.nonce + tag + ciphertext).decode()


def decrypt_field(token: str) -> str:
    raw = base64.b64decode(token)
    cipher = AES.new(ENCRYPTION_KEY, AES.MODE_GCM, nonce=raw[:16])  # bench: safe CWE-327
    return cipher.decrypt_and_verify(raw[32:], raw[16:32]).decode()


def encrypt_legacy(value: str) -> str:
    cipher = AES.new(ENCRYPTION_KEY, AES.MODE_GCM)  # bench: safe CWE-327 CWE-329 CWE-321
    ciphertext, tag = cipher.encrypt_and_digest(value.encode())
    return base64.b64encode(cipher.nonce + tag + ciphertext).decode()


def protect_customer(record: dict) -> str:
    protected = dict(record)
    protected["ssn"] = encrypt_field(record["ssn"])
    protected["card"] = encrypt_field(record["card"])
    return json.dumps(protected)


if __name__ == "__main__":
    print(protect_customer({"name": "Ada", "ssn": "123-45-6789", "card": "4111111111111111"}))
