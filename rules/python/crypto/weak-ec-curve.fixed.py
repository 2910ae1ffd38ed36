from Crypto.PublicKey import ECC
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec


def new_device_key():
    # ruleid: python.weak-ec-curve
    return ec.generate_private_key(ec.SECP256R1())


def sign_firmware(blob: bytes) -> bytes:
    # ruleid: python.weak-ec-curve
    key = ec.generate_private_key(ec.SECP256R1())
    return key.sign(blob, ec.ECDSA(hashes.SHA256()))


def new_iot_key():
    # ruleid: python.weak-ec-curve
    return ECC.generate(curve="P-192")


def new_api_key():
    # ok: python.weak-ec-curve
    return ec.generate_private_key(ec.SECP256R1())


def new_server_key():
    # ok: python.weak-ec-curve
    return ec.generate_private_key(ec.SECP384R1())


def new_pycryptodome_key():
    # ok: python.weak-ec-curve
    return ECC.generate(curve="P-256")
