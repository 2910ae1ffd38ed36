"""Invoice preview: customers customise the greeting shown on their invoices."""
from flask import Flask, render_template_string, request

app = Flask(__name__)

INVOICE = """
<h1>Invoice {{ number }}</h1>
<table>{% for line in lines %}<tr><td>{{ line.item }}</td><td>{{ line.amount }}</td></tr>{% endfor %}</table>
"""


@app.route("/invoice/preview", methods=["POST"])
def preview():
    greeting = request.form.get("greeting", "Dear customer,")
    lines = [{"item": "Hosting", "amount": "20.00"}, {"item": "Support", "amount": "15.00"}]
    page = "<p>" + greeting + "</p>" + INVOICE
    return render_template_string(page, number="2024-0042", lines=lines)  # bench: vuln CWE-1336


@app.route("/invoice/footer")
def footer():
    note = request.args.get("note", "")
    return render_template_string(f"<footer>{note}</footer>")  # bench: vuln CWE-1336
