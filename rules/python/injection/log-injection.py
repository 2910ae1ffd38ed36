import logging

from flask import Flask, current_app, jsonify, request

app = Flask(__name__)
logger = logging.getLogger(__name__)


@app.route("/login", methods=["POST"])
def login():
    username = request.form.get("username", "")
    password = request.form.get("password", "")
    if not check_credentials(username, password):
        # ruleid: python.log-injection
        logger.warning("Failed login for user: " + username)
        return jsonify(error="invalid credentials"), 401
    # ruleid: python.log-injection
    logger.info("User %s logged in", username)
    return jsonify(status="ok")


@app.route("/search")
def search():
    q = request.args.get("q", "")
    # ruleid: python.log-injection
    app.logger.info(f"search query: {q}")
    return jsonify(results=[])


@app.route("/webhook", methods=["POST"])
def webhook():
    event = request.get_json().get("event", "")
    # ruleid: python.log-injection
    logging.info("received webhook event %s", event)
    return "", 204


@app.route("/login-safe", methods=["POST"])
def login_safe():
    username = request.form.get("username", "")
    clean = username.replace("\r", "\\r").replace("\n", "\\n")
    # ok: python.log-injection
    logger.warning("Failed login for user: %s", clean)
    # ok: python.log-injection
    logger.warning("Failed login for user: %r", repr(username))
    return jsonify(error="invalid credentials"), 401


@app.route("/items/<int:item_id>")
def item(item_id):
    # ok: python.log-injection
    current_app.logger.info("fetching item %d", item_id)
    return jsonify(id=item_id)


@app.route("/ping")
def ping():
    # ok: python.log-injection
    logger.info("ping from %s", "health-check")
    q = request.args.get("q", "")
    # ok: python.log-injection
    logger.info(f"query was {q!r}")
    return "pong"


def check_credentials(u, p):
    return False


audit = logging.getLogger("audit")


@app.route("/transfer", methods=["POST"])
def transfer():
    to_account = request.form["to"]
    # a logger under any name
    # ruleid: python.log-injection
    audit.info("transfer requested to %s", to_account)
    return jsonify(status="queued")


@app.route("/lookup")
def lookup():
    name = request.args.get("name", "")
    # %r makes logging quote the value (line breaks escaped): not recognised yet
    # todook: python.log-injection
    logger.info("lookup for %r", name)
    return jsonify(found=False)
