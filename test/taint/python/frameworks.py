import os
import shlex
import subprocess
import sys

from fastapi import FastAPI, Request
from flask import Flask, request

app = Flask(__name__)
api = FastAPI()


@app.route("/ping")
def flask_ping():
    host = request.args.get("host")
    # ruleid: taint.remote
    os.system("ping -c 1 " + host)
    # ok: taint.remote
    os.system("ping -c 1 " + shlex.quote(host))
    # ok: taint.remote
    os.system("ping -c 1 localhost")


@app.route("/files/<name>")
def flask_route_param(name):
    # ruleid: taint.remote
    subprocess.run(f"cat {name}", shell=True)
    # ok: taint.remote
    subprocess.run(["cat", name])


@api.get("/items")
async def fastapi_query(q: str, limit: int = 10):
    # ruleid: taint.remote
    os.system("grep " + q)
    # ok: taint.remote
    os.system("head -n %d log" % limit)


@api.post("/raw")
async def starlette_request(req: Request):
    body = await req.json()
    # ruleid: taint.remote
    os.popen(body["cmd"])


def django_view(request):
    path = request.GET["path"]
    # ruleid: taint.remote
    os.system("ls " + path)


def cli():
    # ruleid: taint.remote
    os.system("echo " + sys.argv[1])
    answer = input("file? ")
    # ruleid: taint.remote
    subprocess.call("rm " + answer, shell=True)


def llm(client, anthropic_client):
    resp = client.chat.completions.create(model="gpt", messages=[])
    code = resp.choices[0].message.content
    # ruleid: taint.llm
    exec(code)
    msg = anthropic_client.messages.create(model="claude", max_tokens=10, messages=[])
    # ruleid: taint.llm
    eval(msg.content[0].text)
    # ok: taint.llm
    eval("1 + 1")


@app.route("/nested")
def source_call_inside_focused_sink():
    # the sink's focused argument is itself a call: its whole value is checked
    # ruleid: taint.remote
    os.system(request.args.get("cmd"))
    # ruleid: taint.remote
    os.system(request.args.get("cmd").strip())
    # ruleid: taint.remote
    subprocess.call(input("command: "), shell=True)
    # ok: taint.remote
    os.system(shlex.quote(request.args.get("cmd")))
