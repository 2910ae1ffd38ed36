import yaml
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/api/config", methods=["POST"])
def upload_config():
    # ruleid: python.yaml-load-unsafe
    config = yaml.load(request.data)
    return jsonify(keys=list(config))


def read_settings(path):
    with open(path) as fh:
        # ruleid: python.yaml-load-unsafe
        return yaml.load(fh, Loader=yaml.FullLoader)


def read_pipeline(text):
    # ruleid: python.yaml-load-unsafe
    return list(yaml.load_all(text, Loader=yaml.Loader))


def read_fixture(text):
    # ruleid: python.yaml-load-unsafe
    return yaml.unsafe_load(text)


def read_settings_safe(path):
    with open(path) as fh:
        # ok: python.yaml-load-unsafe
        return yaml.safe_load(fh)


def read_with_safe_loader(text):
    # ok: python.yaml-load-unsafe
    return yaml.load(text, Loader=yaml.SafeLoader)


class StrictLoader(yaml.SafeLoader):
    pass


def read_strict(text):
    # ok: python.yaml-load-unsafe
    return yaml.load(text, Loader=StrictLoader)


def dump(data):
    # ok: python.yaml-load-unsafe
    return yaml.safe_dump(data)
