import marshal
import pickle
import shelve

import joblib


def load_model(path):
    with open(path, "rb") as fh:
        # ruleid: python.pickle-load
        return pickle.load(fh)


def load_cached(redis_client, key):
    blob = redis_client.get(key)
    # ruleid: python.pickle-load
    return pickle.loads(blob) if blob else None


def load_pipeline(path):
    # ruleid: python.pickle-load
    return joblib.load(path)


def load_code(data):
    # ruleid: python.pickle-load
    return marshal.loads(data)


def save_model(model, path):
    with open(path, "wb") as fh:
        # ok: python.pickle-load
        pickle.dump(model, fh)


def open_store():
    # a fixed local file
    # ok: python.pickle-load
    return shelve.open("state.db")


def serialize(obj):
    # ok: python.pickle-load
    return pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
