import os
import stat
from pathlib import Path

UPLOAD_DIR = "/srv/app/uploads"


def save_upload(name: str, data: bytes) -> str:
    # the umask still applies to a mode given when creating
    # ok: python.world-writable-permissions
    os.makedirs(UPLOAD_DIR, mode=0o777, exist_ok=True)
    path = os.path.join(UPLOAD_DIR, os.path.basename(name))
    with open(path, "wb") as fh:
        fh.write(data)
    # ruleid: python.world-writable-permissions
    os.chmod(path, 0o666)
    return path


def install_hook(script: str) -> None:
    hook = Path(".git/hooks/pre-commit")
    hook.write_text(script)
    # ruleid: python.world-writable-permissions
    hook.chmod(stat.S_IRWXU | stat.S_IRWXG | stat.S_IRWXO)


def open_shared_log():
    # ruleid: python.world-writable-permissions
    os.umask(0)
    return open("/var/log/app/shared.log", "a")


def save_upload_safely(name: str, data: bytes) -> str:
    # ok: python.world-writable-permissions
    os.makedirs(UPLOAD_DIR, mode=0o750, exist_ok=True)
    path = os.path.join(UPLOAD_DIR, os.path.basename(name))
    # ok: python.world-writable-permissions
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    return path


def make_executable(path: str) -> None:
    # ok: python.world-writable-permissions
    os.chmod(path, 0o755)
    # ok: python.world-writable-permissions
    os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR)


def private_umask():
    # ok: python.world-writable-permissions
    os.umask(0o077)


def current_umask() -> int:
    # ok: python.world-writable-permissions
    mask = os.umask(0)
    os.umask(mask)
    return mask


def share_with_everyone(path: str) -> None:
    # ruleid: python.world-writable-permissions
    os.chmod(path, 0o777)
