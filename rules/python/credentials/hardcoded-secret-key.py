import os
import secrets

from flask import Flask, session, redirect, request
from flask_jwt_extended import JWTManager

app = Flask(__name__)
# ruleid: python.hardcoded-secret-key
app.secret_key = "s3cr3t-k3y-for-my-app"


def create_app():
    application = Flask(__name__)
    # ruleid: python.hardcoded-secret-key
    application.config["SECRET_KEY"] = "dev-secret-9f8e7d"
    # ruleid: python.hardcoded-secret-key
    application.config.update(JWT_SECRET_KEY="jwt-signing-secret")
    JWTManager(application)
    return application


class Config:
    # ruleid: python.hardcoded-secret-key
    SECRET_KEY = "a1b2c3d4e5f6supersecret"
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL", "sqlite:///app.db")


class ProductionConfig(Config):
    # ok: python.hardcoded-secret-key
    SECRET_KEY = os.environ["SECRET_KEY"]


class TestingConfig(Config):
    TESTING = True
    # ok: python.hardcoded-secret-key
    SECRET_KEY = "testing-only-key"


def make_app_from_env():
    web = Flask(__name__)
    # ok: python.hardcoded-secret-key
    web.secret_key = os.environ.get("FLASK_SECRET_KEY")
    # ok: python.hardcoded-secret-key
    web.config["SECRET_KEY"] = secrets.token_hex(32)
    # ok: python.hardcoded-secret-key
    web.config["SESSION_TYPE"] = "filesystem"
    return web


# a template left for the user to fill in is not a key
# ok: python.hardcoded-secret-key
app.config["SECRET_KEY"] = "<your-secret-key-here>"
# ok: python.hardcoded-secret-key
app.config["JWT_SECRET_KEY"] = "change-me"


def test_login(client):
    # ok: python.hardcoded-secret-key
    app.secret_key = "pytest-key"
    client.post("/login", data={"user": "a"})


@app.route("/login", methods=["POST"])
def login():
    session["user"] = request.form["user"]
    return redirect("/")


def create_app_with_fallback():
    web = Flask(__name__)
    # a default used whenever the variable is unset is still a key in the source (not detected)
    # todoruleid: python.hardcoded-secret-key
    web.config["SECRET_KEY"] = os.environ.get("SECRET_KEY", "dev-fallback-key-123")
    return web
