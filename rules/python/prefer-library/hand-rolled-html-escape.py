import html

from flask import Flask, request
from markupsafe import escape

app = Flask(__name__)


def escape_html(text: str) -> str:
    # ruleid: python.hand-rolled-html-escape
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@app.route("/greet")
def greet():
    name = request.args.get("name", "")
    # ruleid: python.hand-rolled-html-escape
    safe = name.replace("<", "&lt;").replace(">", "&gt;")
    return f"<h1>Hello {safe}</h1>"


# ruleid: python.hand-rolled-html-escape
HTML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def render_comment(body: str) -> str:
    return "<p>" + body.translate(HTML_ESCAPES) + "</p>"


@app.route("/greet-safe")
def greet_safe():
    # ok: python.hand-rolled-html-escape
    return f"<h1>Hello {escape(request.args.get('name', ''))}</h1>"


def render_comment_safely(body: str) -> str:
    # ok: python.hand-rolled-html-escape
    return "<p>" + html.escape(body, quote=True) + "</p>"


def unescape_entities(text: str) -> str:
    # decoding is not escaping
    # ok: python.hand-rolled-html-escape
    return text.replace("&lt;", "<").replace("&gt;", ">")
