import subprocess
import subprocess as sp
from subprocess import run, Popen as P


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


def listing(path):
    # ok: python.subprocess-shell-true
    subprocess.run(["ls", "-l", path], check=True)
    # ok: python.subprocess-shell-true
    subprocess.run("ls -l /tmp", shell=True)
    # ok: python.subprocess-shell-true
    P(["ls", path])


def spawn(args):
    # ruleid: python.subprocess-shell-true
    return P(args=" ".join(args), shell=True)
