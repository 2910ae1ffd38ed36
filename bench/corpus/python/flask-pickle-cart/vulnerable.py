"""Shopping cart kept in a cookie."""
import base64
import pickle

from flask import Flask, jsonify, make_response, request

app = Flask(__name__)


def load_cart():
    raw = request.cookies.get("cart")
    if not raw:
        return {"items": []}
    data = base64.b64decode(raw)
    return pickle.loads(data)  # bench: vuln CWE-502


def save_cart(response, cart):
    payload = base64.b64encode(pickle.dumps(cart)).decode("ascii")
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
