import sqlite3

import sqlglot
from openai import OpenAI
from sqlalchemy import create_engine, text

client = OpenAI()
engine = create_engine("sqlite:///shop.db")
SCHEMA = "orders(id, customer, total, created_at)"


def text_to_sql(question):
    resp = client.chat.completions.create(
        model="gpt-4o",
        messages=[
            {"role": "system", "content": f"Translate questions to SQLite SQL. Schema: {SCHEMA}. Reply with SQL only."},
            {"role": "user", "content": question},
        ],
    )
    return resp.choices[0].message.content.strip().strip("`")


def answer(question):
    sql = text_to_sql(question)
    conn = sqlite3.connect("shop.db")
    # ruleid: python.llm-output-sql
    rows = conn.execute(sql).fetchall()
    return rows


def answer_sqlalchemy(question):
    query = text_to_sql(question)
    with engine.connect() as conn:
        # ruleid: python.llm-output-sql
        return conn.execute(text(query)).fetchall()


def filter_by_model(question):
    resp = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}])
    condition = resp.choices[0].message.content
    cur = sqlite3.connect("shop.db").cursor()
    # ruleid: python.llm-output-sql
    cur.execute("SELECT * FROM orders WHERE " + condition)
    return cur.fetchall()


def answer_checked(question):
    sql = text_to_sql(question)
    tree = sqlglot.parse_one(sql, read="sqlite")
    if tree.key != "select":
        raise ValueError("only SELECT queries are allowed")
    conn = sqlite3.connect("file:shop.db?mode=ro", uri=True)
    # ok: python.llm-output-sql
    return conn.execute(sql).fetchall()


def customer_total(question):
    resp = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": f"Customer name in: {question}"}])
    name = resp.choices[0].message.content.strip()
    conn = sqlite3.connect("shop.db")
    # the model's answer is a parameter, not SQL
    # ok: python.llm-output-sql
    return conn.execute("SELECT sum(total) FROM orders WHERE customer = ?", (name,)).fetchone()


def count_orders():
    conn = sqlite3.connect("shop.db")
    # ok: python.llm-output-sql
    return conn.execute("SELECT count(*) FROM orders").fetchone()
