import base64
import os

from Crypto.Cipher import AES
from Crypto.Util.Padding import pad, unpad
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

KEY = base64.b64decode(os.environ["APP_AES_KEY"])


def encrypt_ssn(ssn: str) -> str:
    # ruleid: python.cipher-ecb-mode
    cipher = AES.new(KEY, AES.MODE_ECB)
    return base64.b64encode(cipher.encrypt(pad(ssn.encode(), 16))).decode()


def decrypt_ssn(token: str) -> str:
    # ruleid: python.cipher-ecb-mode
    cipher = AES.new(KEY, mode=AES.MODE_ECB)
    return unpad(cipher.decrypt(base64.b64decode(token)), 16).decode()


def encrypt_blob(data: bytes) -> bytes:
    padder = padding.PKCS7(128).padder()
    padded = padder.update(data) + padder.finalize()
    # ruleid: python.cipher-ecb-mode
    encryptor = Cipher(algorithms.AES(KEY), modes.ECB()).encryptor()
    return encryptor.update(padded) + encryptor.finalize()


def encrypt_gcm(data: bytes) -> bytes:
    # ok: python.cipher-ecb-mode
    cipher = AES.new(KEY, AES.MODE_GCM)
    ciphertext, tag = cipher.encrypt_and_digest(data)
    return cipher.nonce + tag + ciphertext


def encrypt_cbc(data: bytes) -> bytes:
    iv = os.urandom(16)
    # ok: python.cipher-ecb-mode
    encryptor = Cipher(algorithms.AES(KEY), modes.CBC(iv)).encryptor()
    padder = padding.PKCS7(128).padder()
    return iv + encryptor.update(padder.update(data) + padder.finalize()) + encryptor.finalize()


def encrypt_ctr(data: bytes) -> bytes:
    # ok: python.cipher-ecb-mode
    cipher = AES.new(KEY, AES.MODE_CTR)
    return cipher.nonce + cipher.encrypt(data)
