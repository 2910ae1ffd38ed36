import rsa as pyrsa
from Crypto.PublicKey import RSA
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed25519, rsa


def make_signing_key() -> bytes:
    # ruleid: python.weak-key-size
    key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def make_dsa_key():
    # ruleid: python.weak-key-size
    return dsa.generate_private_key(key_size=3072)


def make_license_keypair():
    # ruleid: python.weak-key-size
    key = RSA.generate(3072)
    return key.export_key(), key.publickey().export_key()


def make_message_keys():
    # ruleid: python.weak-key-size
    public, private = pyrsa.newkeys(3072)
    return public, private


def make_strong_key():
    # ok: python.weak-key-size
    return rsa.generate_private_key(public_exponent=65537, key_size=3072)


def make_strong_pycryptodome_key():
    # ok: python.weak-key-size
    return RSA.generate(2048)


def make_modern_key():
    # ok: python.weak-key-size
    return ed25519.Ed25519PrivateKey.generate()


def make_key_of_size(bits: int):
    # ok: python.weak-key-size
    return rsa.generate_private_key(public_exponent=65537, key_size=bits)
