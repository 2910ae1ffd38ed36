from django.http import JsonResponse
from flask import Flask, jsonify, request
from flask_sqlalchemy import SQLAlchemy

from accounts.models import Profile

app = Flask(__name__)
db = SQLAlchemy(app)

EDITABLE_FIELDS = {"display_name", "bio", "avatar_url"}


class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(120), unique=True)
    display_name = db.Column(db.String(80))
    is_admin = db.Column(db.Boolean, default=False)


@app.route("/users", methods=["POST"])
def create_user():
    # ruleid: python.mass-assignment
    user = User(**request.get_json())
    db.session.add(user)
    db.session.commit()
    return jsonify(id=user.id), 201


@app.route("/users/<int:user_id>", methods=["PATCH"])
def update_user(user_id):
    user = User.query.get_or_404(user_id)
    for key, value in request.json.items():
        # ruleid: python.mass-assignment
        setattr(user, key, value)
    db.session.commit()
    return jsonify(status="updated")


def update_profile(request, pk):
    data = request.POST.dict()
    # ruleid: python.mass-assignment
    Profile.objects.filter(pk=pk).update(**data)
    return JsonResponse({"ok": True})


def signup(request):
    # ruleid: python.mass-assignment
    profile = Profile.objects.create(**request.POST.dict())
    return JsonResponse({"id": profile.pk})


@app.route("/users-safe", methods=["POST"])
def create_user_safe():
    data = request.get_json()
    # ok: python.mass-assignment
    user = User(email=data["email"], display_name=data.get("display_name"))
    db.session.add(user)
    db.session.commit()
    return jsonify(id=user.id), 201


@app.route("/users-safe/<int:user_id>", methods=["PATCH"])
def update_user_safe(user_id):
    user = User.query.get_or_404(user_id)
    for key, value in request.json.items():
        if key not in EDITABLE_FIELDS:
            continue
        # ok: python.mass-assignment
        setattr(user, key, value)
    db.session.commit()
    return jsonify(status="updated")


@app.route("/profile", methods=["PUT"])
def put_profile():
    payload = request.get_json()
    allowed = {k: v for k, v in payload.items() if k in EDITABLE_FIELDS}
    # ok: python.mass-assignment
    Profile.objects.filter(pk=1).update(**allowed)
    return jsonify(status="ok")


def build_user(email, name):
    fields = {"email": email, "display_name": name}
    # no request data
    # ok: python.mass-assignment
    return User(**fields)


class UserIn:
    def __init__(self, email, display_name=None):
        self.email = email
        self.display_name = display_name


@app.route("/users-schema", methods=["POST"])
def create_user_schema():
    # a schema class named for input declares the fields it accepts
    # ok: python.mass-assignment
    payload = UserIn(**request.get_json())
    # a schema object with only the writable fields: which fields it declares is not checked
    # todook: python.mass-assignment
    user = User(**vars(payload))
    db.session.add(user)
    return jsonify(id=user.id), 201
