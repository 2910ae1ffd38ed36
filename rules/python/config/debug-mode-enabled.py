import os

from fastapi import FastAPI
from flask import Flask, jsonify, request

app = Flask(__name__)
# ruleid: python.debug-mode-enabled
api = FastAPI(title="Orders", debug=True)


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY")
    # ruleid: python.debug-mode-enabled
    DEBUG = True


class DevelopmentConfig(Config):
    # ok: python.debug-mode-enabled
    DEBUG = True


class ProductionConfig(Config):
    # ok: python.debug-mode-enabled
    DEBUG = False


@app.route("/api/orders/<int:order_id>")
def get_order(order_id):
    return jsonify(id=order_id, status="shipped")


def configure(application):
    # ok: python.debug-mode-enabled
    application.debug = os.environ.get("FLASK_DEBUG") == "1"


def run_tests(suite):
    import unittest
    # ok: python.debug-mode-enabled
    unittest.TextTestRunner(verbosity=2).run(suite)


if __name__ == "__main__":
    # ruleid: python.debug-mode-enabled
    app.run(host="0.0.0.0", port=5000, debug=True)
    # ok: python.debug-mode-enabled
    app.run(host="127.0.0.1", port=5000, debug=os.environ.get("FLASK_DEBUG") == "1")
