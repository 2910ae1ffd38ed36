import re

import nh3
from flask import Flask, request
from markupsafe import escape

app = Flask(__name__)


def sanitize_comment(html: str) -> str:
    # ruleid: python.hand-rolled-html-sanitizer
    html = re.sub(r"<script.*?>.*?</script>", "", html, flags=re.IGNORECASE | re.DOTALL)
    # ruleid: python.hand-rolled-html-sanitizer
    html = re.sub(r"\son\w+\s*=\s*\"[^\"]*\"", "", html)
    return html


def strip_tags(html: str) -> str:
    # ruleid: python.hand-rolled-html-sanitizer
    return re.sub(r"<[^>]+>", "", html)


@app.route("/bio", methods=["POST"])
def bio():
    # ruleid: python.hand-rolled-html-sanitizer
    text = request.form["bio"].replace("<script>", "").replace("</script>", "")
    return f"<div class='bio'>{text}</div>"


def sanitize_comment_safely(html: str) -> str:
    # ok: python.hand-rolled-html-sanitizer
    return nh3.clean(html, tags={"b", "i", "a", "p"}, attributes={"a": {"href"}})


def to_plain_text(html: str) -> str:
    # turning HTML into plain text for a search index, then escaping on output
    # ok: python.hand-rolled-html-sanitizer
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


@app.route("/bio-safe", methods=["POST"])
def bio_safe():
    # ok: python.hand-rolled-html-sanitizer
    return f"<div class='bio'>{escape(request.form['bio'])}</div>"
