import sqlite3
import sys

import pandas as pd
import psycopg2
from django.db import connection
from django.http import JsonResponse
from flask import Flask, jsonify, request
from psycopg2 import sql
from sqlalchemy import create_engine, text

from myapp.models import Product
from openai import OpenAI

app = Flask(__name__)
engine = create_engine("postgresql://app@localhost/shop")
openai_client = OpenAI()

SORT_COLUMNS = {"name", "price", "created_at"}


def get_db():
    return sqlite3.connect("app.db")


@app.route("/users/search")
def search_users():
    name = request.args.get("name", "")
    conn = get_db()
    cur = conn.cursor()
    # ruleid: python.sql-injection
    cur.execute(f"SELECT id, name, email FROM users WHERE name LIKE '%{name}%'")
    return jsonify(cur.fetchall())


@app.route("/orders")
def orders():
    status = request.args["status"]
    query = "SELECT * FROM orders WHERE status = '" + status + "' ORDER BY id DESC"
    with engine.connect() as conn:
        # ruleid: python.sql-injection
        rows = conn.execute(text(query)).fetchall()
    return jsonify([dict(r._mapping) for r in rows])


@app.route("/report")
def report():
    region = request.args.get("region")
    conn = psycopg2.connect("dbname=sales")
    # ruleid: python.sql-injection
    df = pd.read_sql("SELECT * FROM sales WHERE region = '%s'" % region, conn)
    return df.to_json()


def product_search(request):
    term = request.GET.get("q", "")
    # ruleid: python.sql-injection
    products = Product.objects.raw("SELECT * FROM shop_product WHERE name = '{}'".format(term))
    return JsonResponse({"ids": [p.id for p in products]})


def delete_user(request, user_id):
    with connection.cursor() as cursor:
        # ruleid: python.sql-injection
        cursor.execute("DELETE FROM auth_user WHERE username = '%s'" % request.POST["username"])
    return JsonResponse({"deleted": True})


@app.route("/users/search-safe")
def search_users_safe():
    name = request.args.get("name", "")
    conn = get_db()
    cur = conn.cursor()
    # ok: python.sql-injection
    cur.execute("SELECT id, name, email FROM users WHERE name LIKE ?", (f"%{name}%",))
    return jsonify(cur.fetchall())


@app.route("/orders-safe")
def orders_safe():
    status = request.args["status"]
    with engine.connect() as conn:
        # ok: python.sql-injection
        rows = conn.execute(text("SELECT * FROM orders WHERE status = :status"), {"status": status}).fetchall()
    return jsonify([dict(r._mapping) for r in rows])


@app.route("/products")
def products():
    sort = request.args.get("sort", "name")
    if sort not in SORT_COLUMNS:
        sort = "name"
    cur = get_db().cursor()
    # ok: python.sql-injection
    cur.execute(f"SELECT * FROM products ORDER BY {sort}")
    return jsonify(cur.fetchall())


@app.route("/products/<int:product_id>")
def product(product_id):
    cur = get_db().cursor()
    # the route converter makes product_id an int
    # ok: python.sql-injection
    cur.execute(f"SELECT * FROM products WHERE id = {product_id}")
    return jsonify(cur.fetchone())


@app.route("/table-count")
def table_count():
    table = request.args.get("table", "users")
    conn = psycopg2.connect("dbname=app")
    with conn.cursor() as cur:
        # ok: python.sql-injection
        cur.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))
        return jsonify(cur.fetchone())


@app.route("/page")
def page():
    limit = int(request.args.get("limit", 20))
    cur = get_db().cursor()
    # ok: python.sql-injection
    cur.execute(f"SELECT * FROM posts ORDER BY id LIMIT {limit}")
    return jsonify(cur.fetchall())


@app.route("/ask")
def ask():
    question = request.args["q"]
    resp = openai_client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}])
    sql_text = resp.choices[0].message.content
    # model output is followed by python.llm-output-sql, not by this rule
    # ok: python.sql-injection
    return jsonify(get_db().execute(sql_text).fetchall())


def main():
    username = sys.argv[1]
    conn = get_db()
    # ruleid: python.sql-injection
    conn.execute("UPDATE users SET active = 0 WHERE username = '" + username + "'")
    conn.commit()


if __name__ == "__main__":
    main()
