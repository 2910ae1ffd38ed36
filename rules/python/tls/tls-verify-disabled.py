import aiohttp
import httpx
import requests

API_URL = "https://billing.internal.example.com/api"


def fetch_invoices(token: str) -> list:
    # ruleid: python.tls-verify-disabled
    resp = requests.get(f"{API_URL}/invoices", headers={"Authorization": f"Bearer {token}"}, verify=False)
    resp.raise_for_status()
    return resp.json()


def push_metrics(payload: dict) -> None:
    session = requests.Session()
    # ruleid: python.tls-verify-disabled
    session.verify = False
    session.post(
        f"{API_URL}/metrics",
        json=payload,
        # ruleid: python.tls-verify-disabled
        verify=False,
        timeout=10,
    )


async def fetch_status() -> dict:
    # ruleid: python.tls-verify-disabled
    async with httpx.AsyncClient(verify=False, timeout=5) as client:
        r = await client.get(f"{API_URL}/status")
        return r.json()


async def fetch_health() -> int:
    async with aiohttp.ClientSession() as http:
        # ruleid: python.tls-verify-disabled
        async with http.get(f"{API_URL}/health", ssl=False) as r:
            return r.status


def fetch_invoices_safely(token: str) -> list:
    # ok: python.tls-verify-disabled
    resp = requests.get(f"{API_URL}/invoices", headers={"Authorization": f"Bearer {token}"}, timeout=10)
    resp.raise_for_status()
    return resp.json()


def fetch_with_private_ca() -> dict:
    # ok: python.tls-verify-disabled
    return requests.get(f"{API_URL}/status", verify="/etc/ssl/certs/internal-ca.pem", timeout=10).json()


def client_with_ca() -> httpx.Client:
    # ok: python.tls-verify-disabled
    return httpx.Client(verify=True, timeout=5)


VERIFY_TLS = False


def fetch_with_flag(url: str) -> bytes:
    # a False passed through a constant is not followed
    # todoruleid: python.tls-verify-disabled
    return requests.get(url, verify=VERIFY_TLS, timeout=10).content
