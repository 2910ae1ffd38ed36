"""Sync invoices from the billing system into the data warehouse."""
import os

import requests

BILLING_URL = "https://billing.internal.example.com/api/v2"
WAREHOUSE_URL = "https://warehouse.example.com/ingest"
TOKEN = os.environ["BILLING_TOKEN"]
CA_BUNDLE = "/etc/ssl/certs/internal-ca.pem"  # bench: safe CWE-295


def fetch_invoices(since: str) -> list:
    resp = requests.get(
        f"{BILLING_URL}/invoices",
        params={"since": since},
        headers={"Authorization": f"Bearer {TOKEN}"},
        verify=CA_BUNDLE,  # bench: safe CWE-295
        timeout=30,
    )
    resp.raise_for_status()
    return resp.json()["items"]


def push_to_warehouse(rows: list) -> None:
    resp = requests.post(
        "https://warehouse.example.com/ingest",  # bench: safe CWE-319
        json={"rows": rows},
        headers={"X-Api-Key": os.environ["WAREHOUSE_KEY"]},
        timeout=30,
    )
    resp.raise_for_status()


if __name__ == "__main__":
    push_to_warehouse(fetch_invoices("2024-01-01"))
