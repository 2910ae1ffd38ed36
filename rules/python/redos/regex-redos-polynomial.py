import re

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/api/comments", methods=["POST"])
def add_comment():
    body = request.json["body"]
    # ruleid: python.regex-redos-polynomial
    cleaned = re.sub(r"\s*,\s*$", "", body)
    # ruleid: python.regex-redos-polynomial
    words = re.findall(r"\s+(\w+)", cleaned)
    return jsonify(words=len(words))


def trailing_blank(line: str) -> bool:
    # ruleid: python.regex-redos-polynomial
    return re.search(r"\s*x*\s*$", line) is not None


def is_hex(value: str) -> bool:
    # ok: python.regex-redos-polynomial
    return re.fullmatch(r"[0-9a-f]{64}", value) is not None


def version(tag: str) -> str:
    # ok: python.regex-redos-polynomial
    return re.sub(r"^v", "", tag)


def slug(title: str) -> str:
    # exponential: reported by python.regex-redos instead
    # ok: python.regex-redos-polynomial
    return re.sub(r"^(\w+-?)*$", "", title)
