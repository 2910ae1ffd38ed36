"""Ask questions about the shop database in plain English."""
import sqlite3

import anthropic
import sqlglot
from flask import Flask, jsonify, request

app = Flask(__name__)
claude = anthropic.Anthropic()
SCHEMA = "customers(id, name, email), orders(id, customer_id, total, created_at)"


def to_sql(question):
    msg = claude.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=400,
        system=f"Write one SQLite query for the schema {SCHEMA}. Reply with SQL only.",
        messages=[{"role": "user", "content": question}],
    )
    return msg.content[0].text.strip().removeprefix("```sql").removesuffix("```").strip()


@app.post("/api/ask")
def ask():
    sql = to_sql(request.json["question"])
    statements = sqlglot.parse(sql, read="sqlite")
    if len(statements) != 1 or statements[0].key != "select":
        return jsonify(error="only a single SELECT is allowed"), 400
    conn = sqlite3.connect("file:shop.db?mode=ro", uri=True)
    try:
        rows = conn.execute(sql).fetchmany(200)  # bench: safe CWE-89
    finally:
        conn.close()
    return jsonify(sql=sql, rows=rows)
