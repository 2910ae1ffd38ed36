import sqlite3


def run_query(sql):
    conn = sqlite3.connect("app.db")
    return conn.execute(sql)


def run_safe(value):
    conn = sqlite3.connect("app.db")
    return conn.execute("SELECT * FROM users WHERE name = ?", (value,))
