"""Sync invoices from the billing system into the data warehouse."""
import os

import requests
import urllib3

urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)  # bench: vuln CWE-295

BILLING_URL = "https://billing.internal.example.com/api/v2"
WAREHOUSE_URL = "http://warehouse.example.com/ingest"
TOKEN = os.environ["BILLING_TOKEN"]


def fetch_invoices(since: str) -> list:
    resp = requests.get(
        f"{BILLING_URL}/invoices",
        params={"since": since},
        headers={"Authorization": f"Bearer {TOKEN}"},
        verify=False,  # bench: vuln CWE-295
        timeout=30,
    )
    resp.raise_for_status()
    return resp.json()["items"]


def push_to_warehouse(rows: list) -> None:
    resp = requests.post(
        "http://warehouse.example.com/ingest",  # bench: vuln CWE-319
        json={"rows": rows},
        headers={"X-Api-Key": os.environ["WAREHOUSE_KEY"]},
        timeout=30,
    )
    resp.raise_for_status()


if __name__ == "__main__":
    push_to_warehouse(fetch_invoices("2024-01-01"))
