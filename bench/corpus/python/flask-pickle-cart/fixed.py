"""Shopping cart kept in a cookie."""
import json
import os

from itsdangerous import BadSignature, URLSafeSerializer

from flask import Flask, jsonify, make_response, request

app = Flask(__name__)
serializer = URLSafeSerializer(os.environ["CART_SIGNING_KEY"], salt="cart")


def load_cart():
    raw = request.cookies.get("cart")
    if not raw:
        return {"items": []}
    try:
        return serializer.loads(raw)  # bench: safe CWE-502
    except BadSignature:
        return {"items": []}


def save_cart(response, cart):
    payload = serializer.dumps(cart)
    response.set_cookie("cart", payload, httponly=True, secure=True, samesite="Lax")
    return response


@app.post("/cart/add")
def add_item():
    body = request.get_json(force=True)
    cart = load_cart()
    cart["items"].append({"sku": str(body["sku"]), "qty": int(body.get("qty", 1))})
    return save_cart(make_response(jsonify(cart)), cart)


@app.get("/cart")
def show_cart():
    return jsonify(load_cart())
