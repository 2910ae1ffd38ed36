from flask import Flask, jsonify, request
from pymongo import MongoClient

app = Flask(__name__)
db = MongoClient()["shop"]

ACTIVE = "this.active === true"


@app.route("/products/cheaper-than")
def cheaper_than():
    limit = request.args.get("price", "0")
    # ruleid: python.nosql-where-injection
    docs = db.products.find({"$where": f"this.price < {limit}"})
    return jsonify([d["name"] for d in docs])


def users_named(name):
    # ruleid: python.nosql-where-injection
    query = {"$where": "this.name == '" + name + "'"}
    return list(db.users.find(query))


def by_condition(condition):
    # ruleid: python.nosql-where-injection
    return db.orders.count_documents({"status": "open", "$where": condition})


def top_posts(min_votes):
    # ruleid: python.nosql-where-injection
    return db.posts.find({"$where": "this.votes > %d" % min_votes})


@app.route("/products/cheaper-than-safe")
def cheaper_than_safe():
    limit = float(request.args.get("price", "0"))
    # ok: python.nosql-where-injection
    docs = db.products.find({"price": {"$lt": limit}})
    return jsonify([d["name"] for d in docs])


def active_users():
    # ok: python.nosql-where-injection
    return list(db.users.find({"$where": "this.active === true"}))


def active_users_constant():
    # ok: python.nosql-where-injection
    return list(db.users.find({"$where": ACTIVE}))
