import os
import shlex
import subprocess


def shell_escape(arg: str) -> str:
    # ruleid: python.hand-rolled-shell-quote
    return "'" + arg.replace("'", "'\\''") + "'"


def sanitize_cmd_arg(arg: str) -> str:
    # ruleid: python.hand-rolled-shell-quote
    return arg.replace(";", "").replace("&", "").replace("|", "")


def escape_shell(arg: str) -> str:
    import re
    # ruleid: python.hand-rolled-shell-quote
    return re.sub(r"([\"$`\\])", r"\\\1", arg)


def compress(path: str) -> None:
    os.system("gzip -k " + shell_escape(path))


def compress_safely(path: str) -> None:
    # ok: python.hand-rolled-shell-quote
    subprocess.run(["gzip", "-k", "--", path], check=True)


def compress_with_pipe(path: str) -> None:
    # ok: python.hand-rolled-shell-quote
    subprocess.run(f"gzip -c -- {shlex.quote(path)} | ssh backup 'cat > out.gz'", shell=True, check=True)


def title_case(name: str) -> str:
    # ok: python.hand-rolled-shell-quote
    return name.replace("_", " ").title()
