#!/usr/bin/env python3
"""Mirror a list of git repositories into a backup folder.

Usage: mirror.py repos.txt /backups
"""
import argparse
import logging
import os
import subprocess
import sys

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
log = logging.getLogger("mirror")


def read_repos(path):
    with open(path, encoding="utf-8") as fh:
        return [line.strip() for line in fh if line.strip() and not line.startswith("#")]


def mirror(url, dest_root):
    name = url.rstrip("/").split("/")[-1].removesuffix(".git")
    dest = os.path.join(dest_root, name + ".git")
    if os.path.isdir(dest):
        log.info("updating %s", name)
        cmd = f"git -C {dest} remote update --prune"
    else:
        log.info("cloning %s", name)
        cmd = f"git clone --mirror {url} {dest}"
    result = subprocess.run(cmd, shell=True, capture_output=True, text=True)  # bench: vuln CWE-78
    if result.returncode != 0:
        log.error("failed %s: %s", name, result.stderr.strip())
        return False
    return True


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("repo_list")
    parser.add_argument("dest")
    args = parser.parse_args(argv)
    os.makedirs(args.dest, exist_ok=True)
    failures = sum(not mirror(url, args.dest) for url in read_repos(args.repo_list))
    log.info("done, %d failures", failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
