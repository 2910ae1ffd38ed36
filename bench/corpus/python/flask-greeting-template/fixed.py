"""Personalised greeting cards."""
from flask import Flask, render_template_string, request

app = Flask(__name__)

CARD = """
<!doctype html>
<html><body>
  <div class="card">
    <h1>Happy birthday, {{ name }}!</h1>
    <p>{{ message }}</p>
  </div>
</body></html>
"""


@app.route("/card")
def card():
    name = request.args.get("name", "friend")
    message = request.args.get("message", "Have a wonderful day.")
    return render_template_string(CARD, name=name, message=message)  # bench: safe CWE-1336
