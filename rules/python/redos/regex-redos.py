import re

from flask import Flask, abort, jsonify, request

app = Flask(__name__)

# ruleid: python.regex-redos
EMAIL_RE = re.compile(r"^([a-zA-Z0-9_.+-]+)+@[a-zA-Z0-9-]+\.[a-zA-Z]+$")
# ok: python.regex-redos
USERNAME_RE = re.compile(r"^[a-z0-9_]{3,32}$")


@app.route("/signup", methods=["POST"])
def signup():
    email = request.form["email"]
    if not EMAIL_RE.match(email):
        abort(400)
    # ruleid: python.regex-redos
    if re.match(r"^(\w+\s?)*$", request.form.get("display_name", "")) is None:
        abort(400)
    return jsonify(ok=True)


def parse_tags(text: str) -> list:
    # ruleid: python.regex-redos
    return re.findall(r"(a|a)*b", text)


def valid_tags(tags: str) -> bool:
    # fullmatch anchors both ends, which is what makes this one backtrack
    # ruleid: python.regex-redos
    return re.fullmatch(r"(\w+,?)+", tags) is not None


def first_word(text: str) -> str:
    # ok: python.regex-redos
    m = re.search(r"(\w+,?)+", text)
    return m.group(0) if m else ""


def normalise(text: str) -> str:
    # ok: python.regex-redos
    return re.sub(r"\s+", " ", text).strip()


def version_of(banner: str) -> str:
    # ok: python.regex-redos
    m = re.search(r"version (\d+)\.(\d+)\.(\d+)", banner)
    return ".".join(m.groups()) if m else ""
