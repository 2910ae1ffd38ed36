#!/usr/bin/env python3
"""Small admin console for the users table of a SQLite database."""
import sqlite3
import sys

DB_PATH = "app.db"


def connect():
    conn = sqlite3.connect(DB_PATH)
    conn.row_factory = sqlite3.Row
    return conn


def find_user(conn, username):
    cur = conn.cursor()
    cur.execute("SELECT id, username, email, role FROM users WHERE username = '%s'" % username)  # bench: vuln CWE-89
    return cur.fetchone()


def set_role(conn, username, role):
    conn.execute(f"UPDATE users SET role = '{role}' WHERE username = '{username}'")  # bench: vuln CWE-89
    conn.commit()


def main():
    conn = connect()
    if len(sys.argv) > 2 and sys.argv[1] == "promote":
        set_role(conn, sys.argv[2], "admin")
        print(f"{sys.argv[2]} is now an admin")
        return
    username = input("Username to look up: ").strip()
    user = find_user(conn, username)
    if user is None:
        print("no such user")
    else:
        print(dict(user))


if __name__ == "__main__":
    main()
