"""Product search API for the inventory dashboard."""
import sqlite3

from flask import Flask, g, jsonify, request

app = Flask(__name__)
DATABASE = "inventory.db"


def get_db():
    db = getattr(g, "_database", None)
    if db is None:
        db = g._database = sqlite3.connect(DATABASE)
        db.row_factory = sqlite3.Row
    return db


@app.teardown_appcontext
def close_connection(exception):
    db = getattr(g, "_database", None)
    if db is not None:
        db.close()


@app.route("/api/products/search")
def search_products():
    term = request.args.get("q", "")
    category = request.args.get("category", "all")
    cursor = get_db().cursor()
    if category == "all":
        query = "SELECT id, name, price FROM products WHERE name LIKE ? ORDER BY name"
        cursor.execute(query, (f"%{term}%",))  # bench: safe CWE-89
    else:
        cursor.execute("SELECT id, name, price FROM products WHERE name LIKE ? AND category = ? ORDER BY name", (f"%{term}%", category))
    rows = cursor.fetchall()
    return jsonify([dict(row) for row in rows])


@app.route("/api/products/<int:product_id>")
def get_product(product_id):
    cursor = get_db().cursor()
    cursor.execute("SELECT id, name, price, stock FROM products WHERE id = ?", (product_id,))
    row = cursor.fetchone()
    if row is None:
        return jsonify({"error": "not found"}), 404
    return jsonify(dict(row))


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=5000)
