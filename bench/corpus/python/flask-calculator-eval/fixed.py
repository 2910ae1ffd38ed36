"""A calculator endpoint for the pricing spreadsheet widget."""
import ast
import operator

from flask import Flask, jsonify, request

app = Flask(__name__)

OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv, ast.USub: operator.neg}


def evaluate(node, variables):
    if isinstance(node, ast.Expression):
        return evaluate(node.body, variables)
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return node.value
    if isinstance(node, ast.Name) and node.id in variables:
        return float(variables[node.id])
    if isinstance(node, ast.BinOp) and type(node.op) in OPS:
        return OPS[type(node.op)](evaluate(node.left, variables), evaluate(node.right, variables))
    if isinstance(node, ast.UnaryOp) and type(node.op) in OPS:
        return OPS[type(node.op)](evaluate(node.operand, variables))
    raise ValueError("unsupported expression")


@app.post("/api/calculate")
def calculate():
    expression = request.json.get("expression", "")
    variables = request.json.get("variables", {})
    try:
        result = evaluate(ast.parse(expression, mode="eval"), variables)  # bench: safe CWE-95 CWE-94
    except Exception as exc:
        return jsonify(error=str(exc)), 400
    return jsonify(result=result)


@app.post("/api/formula")
def formula():
    cell = request.form["cell"]
    value = ast.literal_eval(cell)  # bench: safe CWE-95 CWE-94
    return jsonify(value=value)
