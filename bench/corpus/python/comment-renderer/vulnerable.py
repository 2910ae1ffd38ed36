"""Render user comments on the blog with a little formatting."""
import re
import sqlite3

from flask import Flask, request

app = Flask(__name__)


def escape_html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")  # bench: vuln CWE-79


def clean_comment(html: str) -> str:
    html = re.sub(r"<script.*?>.*?</script>", "", html, flags=re.I | re.S)  # bench: vuln CWE-79
    return html


def db():
    conn = sqlite3.connect("blog.db")
    conn.execute("CREATE TABLE IF NOT EXISTS comments (post INTEGER, author TEXT, body TEXT)")
    return conn


@app.route("/posts/<int:post_id>/comments", methods=["POST"])
def add_comment(post_id):
    with db() as conn:
        conn.execute("INSERT INTO comments VALUES (?, ?, ?)", (post_id, request.form["author"], request.form["body"]))
    return "", 201


@app.route("/posts/<int:post_id>/comments")
def comments(post_id):
    with db() as conn:
        rows = conn.execute("SELECT author, body FROM comments WHERE post = ?", (post_id,)).fetchall()
    items = "".join(f"<li><b>{escape_html(a)}</b>: {clean_comment(b)}</li>" for a, b in rows)
    return f"<ul>{items}</ul>"
