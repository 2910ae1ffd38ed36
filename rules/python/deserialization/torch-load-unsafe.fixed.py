import torch
from flask import Flask, jsonify, request

app = Flask(__name__)


def load_checkpoint(path, model):
    # ruleid: python.torch-load-unsafe
    state = torch.load(path, map_location="cpu", weights_only=True)
    model.load_state_dict(state["model"])
    return model


@app.route("/models", methods=["POST"])
def upload_model():
    f = request.files["checkpoint"]
    # ruleid: python.torch-load-unsafe
    obj = torch.load(f, weights_only=True)
    return jsonify(keys=list(obj))


def load_full_model(path):
    # ruleid: python.torch-load-unsafe
    return torch.load(path, weights_only=False)


def load_weights(path, model):
    # ok: python.torch-load-unsafe
    model.load_state_dict(torch.load(path, map_location="cpu", weights_only=True))
    return model


def save(model, path):
    # ok: python.torch-load-unsafe
    torch.save(model.state_dict(), path)


def load_tensor(path):
    # ok: python.torch-load-unsafe
    return torch.load(path, weights_only=True)
