"""Store the CLI's API credentials in the user's config file."""
import json
import os
import sys
from pathlib import Path

import jwt
from cryptography.fernet import Fernet

CONFIG = Path.home() / ".acme" / "config.json"
FERNET = Fernet(os.environ["ACME_LOCAL_KEY"])


def encrypt(text: str, key: Fernet) -> str:
    return key.encrypt(text.encode()).decode()  # bench: safe CWE-327


def decrypt(blob: str, key: Fernet) -> str:
    return key.decrypt(blob.encode()).decode()  # bench: safe CWE-327


def token_expiry(token: str, public_key: str) -> int:
    claims = jwt.decode(token, public_key, algorithms=["RS256"], audience="acme-cli")  # bench: safe CWE-347
    return claims["exp"]


def save(token: str) -> None:
    CONFIG.parent.mkdir(parents=True, exist_ok=True)
    public_key = os.environ["ACME_PUBLIC_KEY"]
    CONFIG.write_text(json.dumps({"token": encrypt(token, FERNET), "exp": token_expiry(token, public_key)}))


if __name__ == "__main__":
    save(sys.argv[1])
