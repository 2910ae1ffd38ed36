"""Send device telemetry to the collector over TLS and sign the payloads."""
import json
import os
import socket
import ssl
import time

import jwt

COLLECTOR = ("collector.example.com", 8443)
DEVICE_ID = os.environ.get("DEVICE_ID", "dev-001")
DEVICE_KEY = open(os.environ["DEVICE_KEY_FILE"]).read()


def make_context() -> ssl.SSLContext:
    ctx = ssl.create_default_context(cafile=os.environ.get("COLLECTOR_CA"))
    ctx.check_hostname = True  # bench: safe CWE-297
    ctx.verify_mode = ssl.CERT_REQUIRED  # bench: safe CWE-295
    return ctx


def envelope(reading: dict) -> bytes:
    token = jwt.encode({"sub": DEVICE_ID, "iat": int(time.time()), **reading}, DEVICE_KEY, algorithm="EdDSA")  # bench: safe CWE-347
    return json.dumps({"token": token}).encode() + b"\n"


def send(reading: dict) -> None:
    with socket.create_connection(COLLECTOR, timeout=10) as raw:
        with make_context().wrap_socket(raw, server_hostname=COLLECTOR[0]) as tls:
            tls.sendall(envelope(reading))


if __name__ == "__main__":
    send({"temperature": 21.5})
