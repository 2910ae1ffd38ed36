import bson
from flask import Flask, jsonify, request
from pymongo import MongoClient

app = Flask(__name__)
client = MongoClient("mongodb://localhost:27017")
db = client["shop"]
users = db["users"]


@app.route("/login", methods=["POST"])
def login():
    data = request.get_json()
    # ruleid: python.nosql-injection
    user = db.users.find_one({"username": data["username"], "password": data["password"]})
    if user is None:
        return jsonify(error="invalid credentials"), 401
    return jsonify(id=str(user["_id"]))


@app.route("/products/search", methods=["POST"])
def search_products():
    query = request.json
    # ruleid: python.nosql-injection
    results = db.products.find(query).limit(50)
    return jsonify([p["name"] for p in results])


@app.route("/orders/filter")
def filter_orders():
    # ruleid: python.nosql-injection
    orders = db["orders"].find(request.args.to_dict())
    return jsonify([str(o["_id"]) for o in orders])


@app.route("/profile", methods=["PUT"])
def update_profile():
    body = request.get_json()
    # ruleid: python.nosql-injection
    users.update_one(
        {"email": body.get("email")},
        {"$set": {"bio": str(body.get("bio", ""))}},
    )
    return jsonify(status="ok")


@app.route("/login-safe", methods=["POST"])
def login_safe():
    data = request.get_json()
    username = str(data.get("username", ""))
    password = str(data.get("password", ""))
    # ok: python.nosql-injection
    user = db.users.find_one({"username": username, "password_hash": hash_password(password)})
    return jsonify(found=user is not None)


@app.route("/users/<user_id>")
def get_user(user_id):
    # ok: python.nosql-injection
    user = db.users.find_one({"_id": bson.ObjectId(user_id)})
    return jsonify(name=user["name"])


@app.route("/users/by-name")
def by_name():
    # query-string values are strings: no operators
    name = request.args.get("name", "")
    # ok: python.nosql-injection
    user = db.users.find_one({"name": name})
    return jsonify(found=user is not None)


@app.route("/tags", methods=["POST"])
def tags():
    tag = request.get_json().get("tag")
    if not isinstance(tag, str):
        return jsonify(error="tag must be a string"), 400
    # ok: python.nosql-injection
    docs = db.posts.find({"tags": tag})
    return jsonify([d["title"] for d in docs])


def hash_password(p):
    return p
