import csv
import os
import shutil
import tempfile
from pathlib import Path

import requests

EXPORT_FILE = "/tmp/export.csv"


def export_users(rows: list) -> str:
    # ruleid: python.predictable-tmp-path
    with open(EXPORT_FILE, "w", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return EXPORT_FILE


def download(url: str, name: str) -> str:
    resp = requests.get(url, timeout=30)
    # ruleid: python.predictable-tmp-path
    with open(f"/tmp/{name}.bin", "wb") as fh:
        fh.write(resp.content)
    return f"/tmp/{name}.bin"


def cache_token(token: str) -> None:
    # ruleid: python.predictable-tmp-path
    Path("/tmp/app_token").write_text(token)


def export_users_safely(rows: list) -> str:
    # ok: python.predictable-tmp-path
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, newline="") as fh:
        csv.writer(fh).writerows(rows)
    return fh.name


def read_status() -> str:
    # reading a file the system writes is not the problem
    # ok: python.predictable-tmp-path
    with open("/tmp/status.txt") as fh:
        return fh.read()


def archive(src: str) -> None:
    # ok: python.predictable-tmp-path
    shutil.copy(src, os.path.join(tempfile.mkdtemp(), "archive.tgz"))
