from flask import Flask, render_template_string, request, session
from jinja2 import Environment, Template

app = Flask(__name__)
env = Environment(autoescape=True)

BASE = "base.html"


@app.route("/greet")
def greet():
    name = request.args.get("name", "guest")
    # ruleid: python.template-string-building
    return render_template_string(f"<h2>Welcome back, {name}!</h2>")


@app.route("/dashboard")
def dashboard():
    user = session.get("user", "anonymous")
    page = """
    <html><body>
      <h1>Dashboard for %s</h1>
      {% for item in items %}<li>{{ item }}</li>{% endfor %}
    </body></html>
    """ % user
    # ruleid: python.template-string-building
    return render_template_string(page, items=["a", "b"])


def render_invoice(customer, lines):
    # ruleid: python.template-string-building
    template = Template("Invoice for " + customer + "\n{% for l in lines %}{{ l }}\n{% endfor %}")
    return template.render(lines=lines)


def render_report(title):
    # ruleid: python.template-string-building
    return env.from_string("<h1>{}</h1>{{{{ body }}}}".format(title)).render(body="")


@app.route("/greet-safe")
def greet_safe():
    name = request.args.get("name", "guest")
    # ok: python.template-string-building
    return render_template_string("<h2>Welcome back, {{ name }}!</h2>", name=name)


def render_page(body):
    # only a constant is formatted in
    # ok: python.template-string-building
    return render_template_string(f"{{% extends '{BASE}' %}}{{% block content %}}{{{{ body }}}}{{% endblock %}}", body=body)


def render_static():
    tmpl = "<p>{{ msg }}</p>"
    # ok: python.template-string-building
    return Template(tmpl).render(msg="hi")
