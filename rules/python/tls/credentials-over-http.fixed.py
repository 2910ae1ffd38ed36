import os

import requests

API_TOKEN = os.environ["CRM_API_TOKEN"]


def sync_contacts(contacts: list) -> None:
    for contact in contacts:
        requests.post(
            # ruleid: python.credentials-over-http
            "https://crm.example.com/api/contacts",
            json=contact,
            headers={"Authorization": f"Bearer {API_TOKEN}"},
            timeout=10,
        )


def login(username: str, password: str) -> str:
    # ruleid: python.credentials-over-http
    resp = requests.post("https://auth.example.com/login", data={"username": username, "password": password}, timeout=10)
    return resp.json()["token"]


def fetch_build_status(user: str, token: str) -> dict:
    # ruleid: python.credentials-over-http
    return requests.get(f"https://ci.example.com/job/{user}/api/json", auth=(user, token), timeout=10).json()


def sync_contacts_safely(contacts: list) -> None:
    for contact in contacts:
        requests.post(
            # ok: python.credentials-over-http
            "https://crm.example.com/api/contacts",
            json=contact,
            headers={"Authorization": f"Bearer {API_TOKEN}"},
            timeout=10,
        )


def public_rates() -> dict:
    # no credentials: a public feed
    # ok: python.credentials-over-http
    return requests.get("http://rates.example.com/latest.json", timeout=10).json()


def local_admin(password: str) -> int:
    # ok: python.credentials-over-http
    return requests.post("http://localhost:8080/admin/login", data={"password": password}, timeout=5).status_code
