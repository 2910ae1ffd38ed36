"""Generate the vendor key pair and sign license files for customers."""
import base64
import json
import sys

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa


def generate_vendor_key(path: str) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=3072)  # bench: safe CWE-326
    with open(path, "wb") as fh:
        fh.write(key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ))


def generate_device_key():
    return ec.generate_private_key(ec.SECP256R1())  # bench: safe CWE-326


def sign_license(key_path: str, customer: str, seats: int) -> str:
    with open(key_path, "rb") as fh:
        key = serialization.load_pem_private_key(fh.read(), password=None)
    body = json.dumps({"customer": customer, "seats": seats}, sort_keys=True).encode()
    signature = key.sign(body, padding.PKCS1v15(), hashes.SHA256())  # bench: safe CWE-328
    return base64.b64encode(body).decode() + "." + base64.b64encode(signature).decode()


if __name__ == "__main__":
    generate_vendor_key("vendor.pem")
    print(sign_license("vendor.pem", sys.argv[1], int(sys.argv[2])))
