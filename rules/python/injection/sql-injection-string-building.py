import sqlite3

import mysql.connector
import psycopg2
from sqlalchemy import text


class UserRepository:
    def __init__(self, path="users.db"):
        self.conn = sqlite3.connect(path)

    def find_by_email(self, email):
        cur = self.conn.cursor()
        # ruleid: python.sql-injection-string-building
        cur.execute(f"SELECT id, name FROM users WHERE email = '{email}'")
        return cur.fetchone()

    def rename(self, user_id, new_name):
        query = "UPDATE users SET name = '%s' WHERE id = %d" % (new_name, user_id)
        # ruleid: python.sql-injection-string-building
        self.conn.execute(query)
        self.conn.commit()

    def delete(self, username):
        # ruleid: python.sql-injection-string-building
        self.conn.execute("DELETE FROM users WHERE username = '" + username + "'")

    def find_by_email_safe(self, email):
        cur = self.conn.cursor()
        # ok: python.sql-injection-string-building
        cur.execute("SELECT id, name FROM users WHERE email = ?", (email,))
        return cur.fetchone()

    def find_many(self, ids):
        placeholders = ",".join("?" for _ in ids)
        # only placeholders are formatted in; the values are parameters
        # ok: python.sql-injection-string-building
        return self.conn.execute(f"SELECT * FROM users WHERE id IN ({placeholders})", ids).fetchall()


USERS_TABLE = "users"


def count_users(conn):
    # ok: python.sql-injection-string-building
    return conn.execute(f"SELECT count(*) FROM {USERS_TABLE}").fetchone()[0]


def orders_for(conn, customer):
    sql = """
        SELECT o.id, o.total
        FROM orders o
        WHERE o.customer = '{}'
    """.format(customer)
    # ruleid: python.sql-injection-string-building
    return conn.execute(text(sql)).fetchall()


def mysql_lookup(sku):
    db = mysql.connector.connect(host="localhost", user="shop", database="shop")
    cursor = db.cursor()
    # ok: python.sql-injection-string-building
    cursor.execute("SELECT * FROM products WHERE sku = %s", (sku,))
    return cursor.fetchall()


def pg_lookup(sku):
    conn = psycopg2.connect("dbname=shop")
    cur = conn.cursor()
    # ruleid: python.sql-injection-string-building
    cur.execute("SELECT * FROM products WHERE sku = '%s'" % sku)
    return cur.fetchall()


def log_message(logger, name):
    # not SQL
    # ok: python.sql-injection-string-building
    logger.execute(f"notify {name}")


SORT_COLUMNS = {"name": "name", "newest": "created_at", "price": "price"}


def list_products(conn, sort_key):
    column = SORT_COLUMNS.get(sort_key, "name")
    # the column comes from an allow-list
    # ok: python.sql-injection-string-building
    return conn.execute(f"SELECT * FROM products ORDER BY {column}").fetchall()


def list_products_checked(conn, column):
    if column not in SORT_COLUMNS:
        column = "name"
    # ok: python.sql-injection-string-building
    return conn.execute(f"SELECT * FROM products ORDER BY {column}").fetchall()
