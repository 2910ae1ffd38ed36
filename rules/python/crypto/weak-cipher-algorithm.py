import os

import pyDes
from Crypto.Cipher import AES, ARC4, DES, DES3
from Crypto.Random import get_random_bytes
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM


def encrypt_legacy_record(key: bytes, data: bytes) -> bytes:
    iv = os.urandom(8)
    padder = padding.PKCS7(64).padder()
    padded = padder.update(data) + padder.finalize()
    # ruleid: python.weak-cipher-algorithm
    encryptor = Cipher(algorithms.TripleDES(key), modes.CBC(iv)).encryptor()
    return iv + encryptor.update(padded) + encryptor.finalize()


def encrypt_password_field(key: bytes, value: str) -> bytes:
    # ruleid: python.weak-cipher-algorithm
    cipher = DES.new(key, DES.MODE_CBC)
    data = value.encode().ljust(16, b"\0")
    return cipher.iv + cipher.encrypt(data)


def obfuscate_stream(key: bytes, payload: bytes) -> bytes:
    # ruleid: python.weak-cipher-algorithm
    return ARC4.new(key).encrypt(payload)


def decrypt_config(key: bytes, blob: bytes) -> bytes:
    # ruleid: python.weak-cipher-algorithm
    d = pyDes.triple_des(key, pyDes.CBC, blob[:8], padmode=pyDes.PAD_PKCS5)
    return d.decrypt(blob[8:])


def encrypt_record(key: bytes, data: bytes) -> bytes:
    nonce = os.urandom(12)
    # ok: python.weak-cipher-algorithm
    return nonce + AESGCM(key).encrypt(nonce, data, None)


def encrypt_file(key: bytes, data: bytes) -> bytes:
    # ok: python.weak-cipher-algorithm
    cipher = AES.new(key, AES.MODE_GCM)
    ciphertext, tag = cipher.encrypt_and_digest(data)
    return cipher.nonce + tag + ciphertext


def encrypt_stream(key: bytes, data: bytes) -> bytes:
    nonce = get_random_bytes(16)
    # ok: python.weak-cipher-algorithm
    enc = Cipher(algorithms.ChaCha20(key, nonce), mode=None).encryptor()
    return nonce + enc.update(data)
