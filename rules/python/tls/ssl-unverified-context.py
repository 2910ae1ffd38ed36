import json
import ssl
import urllib.request


def fetch_prices(url: str) -> dict:
    # ruleid: python.ssl-unverified-context
    ctx = ssl._create_unverified_context()
    with urllib.request.urlopen(url, context=ctx, timeout=10) as resp:
        return json.load(resp)


def download(url: str, dest: str) -> None:
    # ruleid: python.ssl-unverified-context
    with urllib.request.urlopen(url, context=ssl._create_unverified_context()) as resp, open(dest, "wb") as out:
        out.write(resp.read())


# work around "certificate verify failed" for every urllib call in the process
# ruleid: python.ssl-unverified-context
ssl._create_default_https_context = ssl._create_unverified_context


def fetch_prices_safely(url: str) -> dict:
    # ok: python.ssl-unverified-context
    ctx = ssl.create_default_context()
    with urllib.request.urlopen(url, context=ctx, timeout=10) as resp:
        return json.load(resp)


def fetch_internal(url: str) -> bytes:
    # ok: python.ssl-unverified-context
    ctx = ssl.create_default_context(cafile="/etc/ssl/certs/internal-ca.pem")
    with urllib.request.urlopen(url, context=ctx) as resp:
        return resp.read()


def fetch_plain(url: str) -> bytes:
    # ok: python.ssl-unverified-context
    with urllib.request.urlopen(url, timeout=10) as resp:
        return resp.read()
