import ast
import json
import operator

from flask import Flask, jsonify, request

app = Flask(__name__)

OPERATIONS = {"add": operator.add, "sub": operator.sub, "mul": operator.mul}


@app.route("/api/calc")
def calc():
    expression = request.args.get("expr", "")
    # ruleid: python.code-injection
    result = eval(expression)
    return jsonify(result=result)


@app.route("/api/rules", methods=["POST"])
def apply_rule():
    rule = request.get_json()["rule"]
    namespace = {"order": {"total": 120}}
    code = f"matched = {rule}"
    # ruleid: python.code-injection
    exec(code, namespace)
    return jsonify(matched=namespace["matched"])


@app.route("/api/filter")
def filter_items():
    condition = request.args["where"]
    items = [{"price": 3}, {"price": 12}]
    # ruleid: python.code-injection
    predicate = eval("lambda item: " + condition)
    return jsonify([i for i in items if predicate(i)])


@app.route("/api/calc-safe")
def calc_safe():
    op = request.args.get("op", "add")
    a = float(request.args.get("a", 0))
    b = float(request.args.get("b", 0))
    if op not in OPERATIONS:
        return jsonify(error="unknown operation"), 400
    # ok: python.code-injection
    return jsonify(result=OPERATIONS[op](a, b))


@app.route("/api/parse")
def parse_literal():
    raw = request.args.get("value", "[]")
    # ok: python.code-injection
    value = ast.literal_eval(raw)
    return jsonify(value=value)


@app.route("/api/config")
def config():
    raw = request.args.get("settings", "{}")
    settings = json.loads(raw)
    # ok: python.code-injection
    return jsonify(eval("1 + 1"), settings)


def calculator():
    while True:
        line = input("> ")
        if line == "quit":
            break
        # ruleid: python.code-injection
        print(eval(line))


if __name__ == "__main__":
    calculator()
