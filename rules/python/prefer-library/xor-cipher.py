import base64
import hashlib
import hmac
import itertools
import os

from cryptography.fernet import Fernet

SECRET = os.environ["APP_SECRET"]


def encrypt(text: str, key: str) -> str:
    # ruleid: python.xor-cipher
    out = "".join(chr(ord(c) ^ ord(k)) for c, k in zip(text, itertools.cycle(key)))
    return base64.b64encode(out.encode()).decode()


def obfuscate(data: bytes, key: bytes) -> bytes:
    out = bytearray(len(data))
    for i in range(len(data)):
        # ruleid: python.xor-cipher
        out[i] = data[i] ^ key[i % len(key)]
    return bytes(out)


def protect_token(token: bytes) -> bytes:
    key = hashlib.sha256(SECRET.encode()).digest()
    # ruleid: python.xor-cipher
    return bytes(a ^ b for a, b in zip(token, itertools.cycle(key)))


def encrypt_safely(text: str, key: bytes) -> bytes:
    # ok: python.xor-cipher
    return Fernet(key).encrypt(text.encode())


def parity(value: int) -> int:
    # ok: python.xor-cipher
    return bin(value ^ (value >> 1)).count("1") % 2


def checksum(data: bytes) -> int:
    acc = 0
    for b in data:
        # ok: python.xor-cipher
        acc ^= b
    return acc


def flags_toggle(flags: int, mask: int) -> int:
    # ok: python.xor-cipher
    return flags ^ mask


def verify(sig: str, expected: str) -> bool:
    # ok: python.xor-cipher
    return hmac.compare_digest(sig, expected)
