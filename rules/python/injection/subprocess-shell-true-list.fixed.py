import subprocess
from subprocess import check_output


def clone(repo_url, dest):
    # ruleid: python.subprocess-shell-true-list
    subprocess.run(["git", "clone", repo_url, dest], check=True)


def thumbnail(upload_path):
    # ruleid: python.subprocess-shell-true-list
    return check_output(["convert", upload_path, "-resize", "128x128", "thumb.png"])


def grep_logs(pattern):
    # ruleid: python.subprocess-shell-true-list
    proc = subprocess.Popen(
        ["grep", "-r", pattern, "/var/log/app"],
        stdout=subprocess.PIPE,
    )
    return proc.communicate()[0]


def clone_safely(repo_url, dest):
    # ok: python.subprocess-shell-true-list
    subprocess.run(["git", "clone", "--", repo_url, dest], check=True)


def uptime():
    # constant arguments: nothing to inject
    # ok: python.subprocess-shell-true-list
    return check_output(["uptime"], shell=True)


def run_script(script):
    # ok: python.subprocess-shell-true-list
    subprocess.call(["python3", script], shell=False)
