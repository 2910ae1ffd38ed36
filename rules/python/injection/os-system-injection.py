import os
import shlex
import subprocess
import sys


def ping(host):
    # ruleid: python.os-system-injection
    status = os.system(f"ping -c 1 {host}")
    return status == 0


def backup(db_name, target_dir):
    command = "pg_dump " + db_name + " > " + target_dir + "/backup.sql"
    # ruleid: python.os-system-injection
    os.system(command)


def disk_usage(path):
    # ruleid: python.os-system-injection
    return os.popen("du -sh %s" % path).read().strip()


def git_log(repo, count):
    # ruleid: python.os-system-injection
    return subprocess.getoutput("cd {} && git log -n {}".format(repo, count))


def ping_quoted(host):
    # ok: python.os-system-injection
    return os.system("ping -c 1 " + shlex.quote(host))


def ping_list(host):
    # ok: python.os-system-injection
    return subprocess.run(["ping", "-c", "1", host], check=False).returncode


def clear_screen():
    # ok: python.os-system-injection
    os.system("cls" if os.name == "nt" else "clear")


def uptime():
    # ok: python.os-system-injection
    return os.popen("uptime").read()


def main():
    target = sys.argv[1]
    safe = shlex.quote(target)
    # ok: python.os-system-injection
    os.system(f"ls -la {safe}")
    cmd = "echo " + shlex.quote(target)
    # ok: python.os-system-injection
    os.system(cmd)


if __name__ == "__main__":
    main()


def copy_to(src, dst):
    # one value is quoted, the other is not: any quote( in the line silences the rule for now
    # todoruleid: python.os-system-injection
    os.system(f"cp {shlex.quote(src)} {dst}")
