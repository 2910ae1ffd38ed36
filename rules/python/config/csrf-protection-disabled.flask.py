import os

from flask import Flask, jsonify, request
from flask_wtf import FlaskForm
from flask_wtf.csrf import CSRFProtect
from wtforms import StringField

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
# ruleid: python.csrf-protection-disabled
app.config["WTF_CSRF_ENABLED"] = False
csrf = CSRFProtect(app)


@app.route("/api/transfer", methods=["POST"])
# ruleid: python.csrf-protection-disabled
@csrf.exempt
def transfer():
    do_transfer(request.form["to"], request.form["amount"])
    return jsonify(ok=True)


class CommentForm(FlaskForm):
    body = StringField("body")

    class Meta:
        # ruleid: python.csrf-protection-disabled
        csrf = False


class TestingConfig:
    TESTING = True
    # ok: python.csrf-protection-disabled
    WTF_CSRF_ENABLED = False


class ProductionConfig:
    # ok: python.csrf-protection-disabled
    WTF_CSRF_ENABLED = True
    # ok: python.csrf-protection-disabled
    WTF_CSRF_TIME_LIMIT = 3600


def do_transfer(to, amount):
    pass
