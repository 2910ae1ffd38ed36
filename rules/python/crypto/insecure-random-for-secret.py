import random
import secrets
import string
import time

from flask import Flask, jsonify, request, session

app = Flask(__name__)
ALPHABET = string.ascii_letters + string.digits


def generate_token(length: int = 32) -> str:
    # ruleid: python.insecure-random-for-secret
    return "".join(random.choice(ALPHABET) for _ in range(length))


@app.route("/password-reset", methods=["POST"])
def password_reset():
    email = request.json["email"]
    # ruleid: python.insecure-random-for-secret
    reset_code = str(random.randint(100000, 999999))
    store_reset_code(email, reset_code, expires=time.time() + 900)
    send_mail(email, f"Your code is {reset_code}")
    return jsonify(status="sent")


@app.route("/login", methods=["POST"])
def login():
    user = authenticate(request.json["username"], request.json["password"])
    # ruleid: python.insecure-random-for-secret
    session["csrf_token"] = "%032x" % random.getrandbits(128)
    return jsonify(user=user.id)


def create_user(username: str):
    # ruleid: python.insecure-random-for-secret
    temp_password = "".join(random.choices(ALPHABET, k=12))
    return {"username": username, "password": temp_password}


def generate_token_safely() -> str:
    # ok: python.insecure-random-for-secret
    return secrets.token_urlsafe(32)


@app.route("/password-reset-safe", methods=["POST"])
def password_reset_safe():
    email = request.json["email"]
    # ok: python.insecure-random-for-secret
    reset_code = f"{secrets.randbelow(10**6):06d}"
    store_reset_code(email, reset_code, expires=time.time() + 900)
    return jsonify(status="sent")


def pick_server(servers):
    # ok: python.insecure-random-for-secret
    server = random.choice(servers)
    return server


def retry_delay(attempt: int) -> float:
    # ok: python.insecure-random-for-secret
    jitter = random.uniform(0, 0.5)
    return min(30, 2 ** attempt) + jitter


def shuffle_quiz(questions):
    # ok: python.insecure-random-for-secret
    random.shuffle(questions)
    return questions


def store_reset_code(email, code, expires):
    pass


def send_mail(to, body):
    pass


def authenticate(username, password):
    pass


def new_invite(user):
    # camelCase names are not recognised
    # todoruleid: python.insecure-random-for-secret
    inviteToken = "".join(random.choices(ALPHABET, k=20))
    return inviteToken
