import html

from django.http import HttpResponse, JsonResponse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from flask import Flask, jsonify, make_response, render_template, request
from markupsafe import Markup, escape

app = Flask(__name__)
api = FastAPI()


@app.route("/hello")
def hello():
    name = request.args.get("name", "stranger")
    # ruleid: python.reflected-xss
    return f"<h1>Hello, {name}!</h1>"


@app.route("/search")
def search():
    q = request.args.get("q", "")
    results = find(q)
    page = "<h2>Results for " + q + "</h2><ul>"
    for r in results:
        page += f"<li>{escape(r)}</li>"
    page += "</ul>"
    # ruleid: python.reflected-xss
    return page


@app.route("/error")
def error():
    reason = request.args.get("reason", "unknown")
    # ruleid: python.reflected-xss
    resp = make_response("<p>Error: %s</p>" % reason, 400)
    return resp


@app.route("/banner")
def banner():
    text = request.args.get("text", "")
    # ruleid: python.reflected-xss
    return render_template("banner.html", banner=Markup(f"<b>{text}</b>"))


def profile(request):
    bio = request.GET.get("bio", "")
    # ruleid: python.reflected-xss
    return HttpResponse("<div class='bio'>" + bio + "</div>")


def comment(request):
    text = request.POST["text"]
    # ruleid: python.reflected-xss
    return HttpResponse(mark_safe(f"<p>{text}</p>"))


@api.get("/welcome", response_class=HTMLResponse)
def welcome(user: str):
    # ruleid: python.reflected-xss
    return HTMLResponse(content=f"<h1>Welcome {user}</h1>")


@app.route("/hello-safe")
def hello_safe():
    name = request.args.get("name", "stranger")
    # ok: python.reflected-xss
    return f"<h1>Hello, {escape(name)}!</h1>"


@app.route("/hello-template")
def hello_template():
    name = request.args.get("name", "stranger")
    # ok: python.reflected-xss
    return render_template("hello.html", name=name)


@app.route("/api/echo")
def echo():
    msg = request.args.get("msg", "")
    # ok: python.reflected-xss
    return jsonify(message=f"you said {msg}")


def profile_safe(request):
    bio = request.GET.get("bio", "")
    # ok: python.reflected-xss
    return HttpResponse(format_html("<div class='bio'>{}</div>", bio))


def export(request):
    name = request.GET.get("name", "")
    # ok: python.reflected-xss
    return HttpResponse(f"name,{name}\n", content_type="text/csv")


def api_profile(request):
    bio = request.GET.get("bio", "")
    # ok: python.reflected-xss
    return JsonResponse({"bio": bio})


@app.route("/greet")
def greet():
    who = request.args.get("who", "")
    # ok: python.reflected-xss
    return "<p>Hi " + html.escape(who) + "</p>"


def find(q):
    return []


@app.route("/raw")
def raw():
    value = request.args.get("v", "")
    # a returned variable may be a str (HTML) or a dict (JSON): not followed yet
    # todoruleid: python.reflected-xss
    return value


@app.get("/card")
def card():
    title = request.args.get("title", "")
    # Flask 2 route shortcuts return HTML too
    # ruleid: python.reflected-xss
    return f"<div class='card'><h3>{title}</h3></div>"


@api.get("/api/greeting")
def api_greeting(name: str):
    # FastAPI returns a str as JSON, not HTML
    # ok: python.reflected-xss
    return f"Hello {name}"
