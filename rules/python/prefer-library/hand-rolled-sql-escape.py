import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)


def get_db():
    return sqlite3.connect("shop.db")


@app.route("/products")
def products():
    # ruleid: python.hand-rolled-sql-escape
    term = request.args.get("q", "").replace("'", "''")
    rows = get_db().execute(f"SELECT id, name FROM products WHERE name LIKE '%{term}%'").fetchall()
    return jsonify(rows)


def sql_escape(value: str) -> str:
    # ruleid: python.hand-rolled-sql-escape
    return value.replace("\\", "\\\\").replace(";", "")


def find_user(cur, name: str):
    # ruleid: python.hand-rolled-sql-escape
    safe = name.replace("'", "\\'")
    cur.execute("SELECT * FROM users WHERE name = '" + safe + "'")
    return cur.fetchone()


@app.route("/products-safe")
def products_safe():
    term = request.args.get("q", "")
    # ok: python.hand-rolled-sql-escape
    rows = get_db().execute("SELECT id, name FROM products WHERE name LIKE ?", (f"%{term}%",)).fetchall()
    return jsonify(rows)


def csv_cell(value: str) -> str:
    # ok: python.hand-rolled-sql-escape
    return '"' + value.replace('\n', ' ') + '"'


def slug(title: str) -> str:
    # ok: python.hand-rolled-sql-escape
    return title.lower().replace(" ", "-")
