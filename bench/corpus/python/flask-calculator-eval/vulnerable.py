"""A calculator endpoint for the pricing spreadsheet widget."""
import math

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.post("/api/calculate")
def calculate():
    expression = request.json.get("expression", "")
    variables = request.json.get("variables", {})
    try:
        result = eval(expression, {"math": math}, variables)  # bench: vuln CWE-95 CWE-94
    except Exception as exc:
        return jsonify(error=str(exc)), 400
    return jsonify(result=result)


@app.post("/api/formula")
def formula():
    cell = request.form["cell"]
    code = "value = " + cell
    scope = {}
    exec(code, scope)  # bench: vuln CWE-95 CWE-94
    return jsonify(value=scope["value"])
