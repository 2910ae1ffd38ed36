"""Store the CLI's API credentials in the user's config file."""
import base64
import itertools
import json
import os
import sys
from pathlib import Path

CONFIG = Path.home() / ".acme" / "config.json"
OBFUSCATION_KEY = os.environ.get("ACME_LOCAL_KEY", "acme")


def encrypt(text: str, key: str) -> str:
    data = bytes(a ^ b for a, b in zip(text.encode(), itertools.cycle(key.encode())))  # bench: vuln CWE-327
    return base64.b64encode(data).decode()


def decrypt(blob: str, key: str) -> str:
    data = base64.b64decode(blob)
    return bytes(a ^ b for a, b in zip(data, itertools.cycle(key.encode()))).decode()  # bench: vuln CWE-327


def token_expiry(token: str) -> int:
    payload = token.split(".")[1]
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))  # bench: vuln CWE-347
    return claims["exp"]


def save(token: str) -> None:
    CONFIG.parent.mkdir(parents=True, exist_ok=True)
    CONFIG.write_text(json.dumps({"token": encrypt(token, OBFUSCATION_KEY), "exp": token_expiry(token)}))


if __name__ == "__main__":
    save(sys.argv[1])
