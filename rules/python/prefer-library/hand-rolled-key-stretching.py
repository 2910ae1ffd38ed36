import hashlib
import os

import bcrypt


def stretch(secret: bytes, salt: bytes, rounds: int = 10000) -> str:
    digest = salt + secret
    for _ in range(rounds):
        # ruleid: python.hand-rolled-key-stretching
        digest = hashlib.sha256(digest + salt).digest()
    return salt.hex() + "$" + digest.hex()


def hash_password(password: str, salt: bytes) -> bytes:
    digest = salt + password.encode()
    for _ in range(1000):
        # reported as python.password-fast-hash
        # ok: python.hand-rolled-key-stretching
        digest = hashlib.sha256(digest).digest()
    return digest


def derive_key(passphrase: str) -> bytes:
    key = passphrase.encode()
    for i in range(5000):
        # ruleid: python.hand-rolled-key-stretching
        key = hashlib.sha512(key + str(i).encode()).digest()
    return key[:32]


def chain(seed: bytes, n: int) -> bytes:
    h = seed
    i = 0
    while i < n:
        # ruleid: python.hand-rolled-key-stretching
        h = hashlib.md5(h).digest()
        i += 1
    return h


def hash_password_safely(password: str) -> bytes:
    # ok: python.hand-rolled-key-stretching
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt())


def derive_key_safely(passphrase: str, salt: bytes) -> bytes:
    # ok: python.hand-rolled-key-stretching
    return hashlib.pbkdf2_hmac("sha256", passphrase.encode(), salt, 600_000)


def file_digests(paths: list) -> dict:
    out = {}
    for p in paths:
        with open(p, "rb") as fh:
            # ok: python.hand-rolled-key-stretching
            out[p] = hashlib.sha256(fh.read()).hexdigest()
    return out
