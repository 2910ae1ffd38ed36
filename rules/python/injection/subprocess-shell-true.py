import shlex
import subprocess
import subprocess as sp
from subprocess import Popen as P, run


def ping(host):
    # ruleid: python.subprocess-shell-true
    return subprocess.check_output(f"ping -c 1 {host}", shell=True)


def archive(name):
    cmd = "tar czf backup.tgz " + name
    # ruleid: python.subprocess-shell-true
    sp.call(cmd, shell=True)


def deploy(branch):
    # ruleid: python.subprocess-shell-true
    run("git checkout %s" % branch, shell=True, check=True)


def spawn(args):
    # ruleid: python.subprocess-shell-true
    return P(args=" ".join(args), shell=True)


def convert(src, dst):
    result = subprocess.run(
        # ruleid: python.subprocess-shell-true
        "ffmpeg -i {} {}".format(src, dst),
        shell=True,
        capture_output=True,
    )
    return result.returncode


def listing(path):
    # ok: python.subprocess-shell-true
    subprocess.run(["ls", "-l", path], check=True)
    # ok: python.subprocess-shell-true
    subprocess.run("ls -l /tmp", shell=True)
    # ok: python.subprocess-shell-true
    P(["ls", path])


def disk_usage(folder):
    # the value is quoted: one shell word whatever it holds
    # ok: python.subprocess-shell-true
    return subprocess.check_output(f"du -sh {shlex.quote(folder)} | tail -1", shell=True)


def pipeline():
    # ok: python.subprocess-shell-true
    subprocess.run("ps aux | grep python | wc -l", shell=True, check=True)
