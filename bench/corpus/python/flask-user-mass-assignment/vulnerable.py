"""User API on Flask-SQLAlchemy."""
from flask import Flask, jsonify, request
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///users.db"
db = SQLAlchemy(app)


class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(255), unique=True, nullable=False)
    name = db.Column(db.String(120))
    is_admin = db.Column(db.Boolean, default=False)
    credits = db.Column(db.Integer, default=0)


@app.post("/api/users")
def create_user():
    user = User(**request.get_json())  # bench: vuln CWE-915
    db.session.add(user)
    db.session.commit()
    return jsonify(id=user.id), 201


@app.patch("/api/users/<int:user_id>")
def update_user(user_id):
    user = db.get_or_404(User, user_id)
    for field, value in request.get_json().items():
        setattr(user, field, value)  # bench: vuln CWE-915
    db.session.commit()
    return jsonify(id=user.id, name=user.name)
