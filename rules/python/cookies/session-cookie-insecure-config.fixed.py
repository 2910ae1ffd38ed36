import os

from flask import Flask

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
# ruleid: python.session-cookie-insecure-config
app.config["SESSION_COOKIE_SECURE"] = True
# ruleid: python.session-cookie-insecure-config
app.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax")


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY")
    # ruleid: python.session-cookie-insecure-config
    REMEMBER_COOKIE_SECURE = True
    # ok: python.session-cookie-insecure-config
    SESSION_COOKIE_SECURE = True


class DevelopmentConfig(Config):
    # plain http://localhost during development
    # ok: python.session-cookie-insecure-config
    SESSION_COOKIE_SECURE = False


if app.debug:
    # ok: python.session-cookie-insecure-config
    app.config["SESSION_COOKIE_SECURE"] = False

# ok: python.session-cookie-insecure-config
app.config["SESSION_COOKIE_HTTPONLY"] = True
