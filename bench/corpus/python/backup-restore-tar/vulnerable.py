#!/usr/bin/env python3
"""Restore a project backup archive into the data directory."""
import argparse
import pathlib
import tarfile

DATA_DIR = pathlib.Path("/var/lib/projectd")


def restore(archive, project):
    target = DATA_DIR / project
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive, "r:*") as tar:
        names = tar.getnames()
        tar.extractall(target)  # bench: vuln CWE-22
    return len(names)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("archive")
    parser.add_argument("project")
    args = parser.parse_args()
    count = restore(args.archive, args.project)
    print(f"restored {count} entries into {DATA_DIR / args.project}")


if __name__ == "__main__":
    main()
