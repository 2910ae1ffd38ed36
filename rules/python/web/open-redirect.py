from urllib.parse import urlparse

from django.http import HttpResponseRedirect
from django.shortcuts import redirect as django_redirect
from django.utils.http import url_has_allowed_host_and_scheme
from fastapi import FastAPI
from fastapi.responses import RedirectResponse
from flask import Flask, redirect, request, session, url_for

app = Flask(__name__)
api = FastAPI()


@app.route("/login", methods=["GET", "POST"])
def login():
    next_url = request.args.get("next", "/")
    if request.method == "POST" and authenticate(request.form):
        session["user"] = request.form["username"]
        # ruleid: python.open-redirect
        return redirect(next_url)
    return "login form"


@app.route("/out")
def outbound():
    # ruleid: python.open-redirect
    return redirect(request.args["url"], code=302)


def logout_view(request):
    target = request.GET.get("return_to", "/")
    # ruleid: python.open-redirect
    return HttpResponseRedirect(target)


@api.get("/go")
def go(dest: str):
    # ruleid: python.open-redirect
    return RedirectResponse(url=dest)


@app.route("/login-safe", methods=["POST"])
def login_safe():
    next_url = request.args.get("next", "")
    parsed = urlparse(next_url)
    if parsed.scheme or parsed.netloc:
        next_url = url_for("index")
    # ok: python.open-redirect
    return redirect(next_url)


def logout_view_safe(request):
    target = request.GET.get("return_to", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    # ok: python.open-redirect
    return django_redirect(target)


@app.route("/item")
def item():
    item_id = request.args.get("id", "")
    # a fixed local path with the value inside it
    # ok: python.open-redirect
    return redirect(f"/items/{item_id}")


@app.route("/profile")
def profile():
    user = request.args.get("user", "")
    # ok: python.open-redirect
    return redirect(url_for("show_profile", username=user))


def authenticate(form):
    return True
