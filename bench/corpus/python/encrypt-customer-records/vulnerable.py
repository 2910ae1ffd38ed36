"""Encrypt sensitive customer fields before they are stored."""
import base64
import json

from Crypto.Cipher import AES, DES
from Crypto.Util.Padding import pad, unpad

ENCRYPTION_KEY = b"Sixteen byte key"
LEGACY_KEY = b"8bytekey"


def encrypt_field(value: str) -> str:
    cipher = AES.new(ENCRYPTION_KEY, AES.MODE_ECB)  # bench: vuln CWE-327 CWE-321
    return base64.b64encode(cipher.encrypt(pad(value.encode(), 16))).decode()


def decrypt_field(token: str) -> str:
    cipher = AES.new(ENCRYPTION_KEY, AES.MODE_ECB)  # bench: vuln CWE-327
    return unpad(cipher.decrypt(base64.b64decode(token)), 16).decode()


def encrypt_legacy(value: str) -> str:
    cipher = DES.new(LEGACY_KEY, DES.MODE_CBC, iv=b"\x00" * 8)  # bench: vuln CWE-327 CWE-329 CWE-321
    return base64.b64encode(cipher.encrypt(pad(value.encode(), 8))).decode()


def protect_customer(record: dict) -> str:
    protected = dict(record)
    protected["ssn"] = encrypt_field(record["ssn"])
    protected["card"] = encrypt_field(record["card"])
    return json.dumps(protected)


if __name__ == "__main__":
    print(protect_customer({"name": "Ada", "ssn": "123-45-6789", "card": "4111111111111111"}))
