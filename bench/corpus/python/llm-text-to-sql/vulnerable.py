"""Ask questions about the shop database in plain English."""
import sqlite3

import anthropic
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
    conn = sqlite3.connect("shop.db")
    try:
        rows = conn.execute(sql).fetchmany(200)  # bench: vuln CWE-89
    finally:
        conn.close()
    return jsonify(sql=sql, rows=rows)
