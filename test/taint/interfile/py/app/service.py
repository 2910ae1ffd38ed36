from app.db import run_query


def find(name):
    return run_query("SELECT * FROM items WHERE owner = '%s'" % name)
