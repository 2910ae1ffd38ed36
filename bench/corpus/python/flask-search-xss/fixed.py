"""Product search page rendered without a template engine."""
from flask import Flask, request
from markupsafe import escape

app = Flask(__name__)

PRODUCTS = [
    {"name": "Blue mug", "price": 9.5},
    {"name": "Red kettle", "price": 39.0},
    {"name": "Green teapot", "price": 24.9},
]


@app.route("/search")
def search():
    q = request.args.get("q", "").strip()
    hits = [p for p in PRODUCTS if q.lower() in p["name"].lower()]
    html = f"<h1>Results for “{escape(q)}”</h1><ul>"
    for p in hits:
        html += f"<li>{escape(p['name'])} – {p['price']:.2f} €</li>"
    html += "</ul>"
    return html  # bench: safe CWE-79


@app.route("/not-found")
def not_found():
    path = request.args.get("path", "/")
    return f"<p>Nothing at {escape(path)}. <a href='/'>Home</a></p>", 404  # bench: safe CWE-79


@app.route("/")
def index():
    return "<form action='/search'><input name='q'><button>Search</button></form>"


if __name__ == "__main__":
    app.run()
