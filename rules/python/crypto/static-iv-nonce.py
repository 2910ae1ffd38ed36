import base64
import os

from Crypto.Cipher import AES
from Crypto.Util.Padding import pad
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305

KEY = base64.b64decode(os.environ["DATA_KEY"])
IV = b"1234567890abcdef"


def encrypt_token(plaintext: str) -> str:
    padder = padding.PKCS7(128).padder()
    padded = padder.update(plaintext.encode()) + padder.finalize()
    # ruleid: python.static-iv-nonce
    encryptor = Cipher(algorithms.AES(KEY), modes.CBC(IV)).encryptor()
    return base64.b64encode(encryptor.update(padded) + encryptor.finalize()).decode()


def encrypt_profile(data: bytes) -> bytes:
    # ruleid: python.static-iv-nonce
    cipher = AES.new(KEY, AES.MODE_CBC, iv=b"\x00" * 16)
    return cipher.encrypt(pad(data, AES.block_size))


def seal_message(message: bytes) -> bytes:
    aesgcm = AESGCM(KEY)
    # ruleid: python.static-iv-nonce
    return aesgcm.encrypt(b"fixednonce12", message, None)


def encrypt_counter(data: bytes) -> bytes:
    # ruleid: python.static-iv-nonce
    enc = Cipher(algorithms.AES(KEY), modes.CTR(bytes(16))).encryptor()
    return enc.update(data) + enc.finalize()


def encrypt_token_safely(plaintext: str) -> str:
    iv = os.urandom(16)
    padder = padding.PKCS7(128).padder()
    padded = padder.update(plaintext.encode()) + padder.finalize()
    # ok: python.static-iv-nonce
    encryptor = Cipher(algorithms.AES(KEY), modes.CBC(iv)).encryptor()
    return base64.b64encode(iv + encryptor.update(padded) + encryptor.finalize()).decode()


def seal_message_safely(message: bytes) -> bytes:
    nonce = os.urandom(12)
    chacha = ChaCha20Poly1305(KEY)
    # ok: python.static-iv-nonce
    return nonce + chacha.encrypt(nonce, message, None)


def encrypt_profile_safely(data: bytes) -> bytes:
    # ok: python.static-iv-nonce
    cipher = AES.new(KEY, AES.MODE_CBC)
    return cipher.iv + cipher.encrypt(pad(data, AES.block_size))


def decrypt_with_stored_iv(blob: bytes) -> bytes:
    # ok: python.static-iv-nonce
    decryptor = Cipher(algorithms.AES(KEY), modes.GCM(blob[:12], blob[-16:])).decryptor()
    return decryptor.update(blob[12:-16]) + decryptor.finalize()
