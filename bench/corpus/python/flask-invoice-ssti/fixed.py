"""Invoice preview: customers customise the greeting shown on their invoices."""
from flask import Flask, render_template_string, request

app = Flask(__name__)

INVOICE = """
<p>{{ greeting }}</p>
<h1>Invoice {{ number }}</h1>
<table>{% for line in lines %}<tr><td>{{ line.item }}</td><td>{{ line.amount }}</td></tr>{% endfor %}</table>
"""
FOOTER = "<footer>{{ note }}</footer>"


@app.route("/invoice/preview", methods=["POST"])
def preview():
    greeting = request.form.get("greeting", "Dear customer,")
    lines = [{"item": "Hosting", "amount": "20.00"}, {"item": "Support", "amount": "15.00"}]
    return render_template_string(INVOICE, greeting=greeting, number="2024-0042", lines=lines)  # bench: safe CWE-1336


@app.route("/invoice/footer")
def footer():
    note = request.args.get("note", "")
    return render_template_string(FOOTER, note=note)  # bench: safe CWE-1336
