import json
import os
import subprocess
import tempfile


def render_report(data: dict) -> bytes:
    # ruleid: python.insecure-tempfile-mktemp
    path = tempfile.mktemp(suffix=".json")
    with open(path, "w") as fh:
        json.dump(data, fh)
    return subprocess.run(["report-tool", path], capture_output=True, check=True).stdout


def scratch_dir() -> str:
    # ruleid: python.insecure-tempfile-mktemp
    d = tempfile.mktemp(prefix="build-", dir="/tmp")
    os.mkdir(d)
    return d


def legacy_name() -> str:
    from tempfile import mktemp
    # ruleid: python.insecure-tempfile-mktemp
    return mktemp()


def render_report_safely(data: dict) -> bytes:
    # ok: python.insecure-tempfile-mktemp
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(data, fh)
    try:
        return subprocess.run(["report-tool", fh.name], capture_output=True, check=True).stdout
    finally:
        os.unlink(fh.name)


def scratch_dir_safely() -> str:
    # ok: python.insecure-tempfile-mktemp
    return tempfile.mkdtemp(prefix="build-")


def write_blob(blob: bytes) -> str:
    # ok: python.insecure-tempfile-mktemp
    fd, path = tempfile.mkstemp()
    with os.fdopen(fd, "wb") as fh:
        fh.write(blob)
    return path
