from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from flask import Flask, jsonify, request
from flask_cors import CORS, cross_origin

app = Flask(__name__)
# ruleid: python.cors-wildcard-with-credentials
CORS(app, supports_credentials=True)

admin = Flask("admin")
# ruleid: python.cors-wildcard-with-credentials
CORS(admin, resources={r"/api/*": {"origins": "*"}}, supports_credentials=True)

api = FastAPI()
# ruleid: python.cors-wildcard-with-credentials
api.add_middleware(
    CORSMiddleware,
    allow_origins=["*"],
    allow_credentials=True,
    allow_methods=["*"],
    allow_headers=["*"],
)


@app.route("/api/account")
def account():
    resp = jsonify(balance=100)
    # ruleid: python.cors-wildcard-with-credentials
    resp.headers["Access-Control-Allow-Origin"] = request.headers.get("Origin", "")
    resp.headers["Access-Control-Allow-Credentials"] = "true"
    return resp


public = Flask("public")
# public, cookie-less API: any origin may read it
# ok: python.cors-wildcard-with-credentials
CORS(public, origins="*")

partner = Flask("partner")
# ok: python.cors-wildcard-with-credentials
CORS(partner, origins=["https://app.example.com"], supports_credentials=True)

internal = FastAPI()
# ok: python.cors-wildcard-with-credentials
internal.add_middleware(
    CORSMiddleware,
    allow_origins=["https://app.example.com", "https://admin.example.com"],
    allow_credentials=True,
    allow_methods=["GET", "POST"],
)


@app.route("/api/widget")
@cross_origin(origins=["https://shop.example.com"], supports_credentials=True)
def widget():
    # ok: python.cors-wildcard-with-credentials
    return jsonify(ok=True)
