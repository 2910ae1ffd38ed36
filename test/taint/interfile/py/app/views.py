from flask import Flask, request

from .db import run_query, run_safe
from . import service

app = Flask(__name__)


@app.route("/user")
def user():
    name = request.args.get("name")
    run_query("SELECT * FROM users WHERE name = '" + name + "'")
    run_safe(name)
    return service.find(name)
