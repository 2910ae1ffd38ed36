import jinja2
from flask import Flask
from jinja2 import Environment, FileSystemLoader, PackageLoader, Template, select_autoescape

app = Flask(__name__)
# ruleid: python.jinja2-autoescape-disabled
app.jinja_env.autoescape = False

# ruleid: python.jinja2-autoescape-disabled
env = Environment(loader=FileSystemLoader("templates"), autoescape=False)

# ruleid: python.jinja2-autoescape-disabled
report_env = jinja2.Environment(loader=PackageLoader("reports", "templates"))

# ruleid: python.jinja2-autoescape-disabled
ROW = Template("<tr><td>{{ name }}</td><td>{{ email }}</td></tr>")


def render_report(rows):
    template = report_env.get_template("report.html")
    return template.render(rows=rows)


def render_row(user):
    return ROW.render(name=user.name, email=user.email)


# ok: python.jinja2-autoescape-disabled
safe_env = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape(["html", "xml"]))

# ok: python.jinja2-autoescape-disabled
strict_env = Environment(loader=FileSystemLoader("templates"), autoescape=True)

# plain-text templates (no HTML): autoescape is irrelevant
# ok: python.jinja2-autoescape-disabled
EMAIL_SUBJECT = Template("Your order {{ order_id }} has shipped")

# ok: python.jinja2-autoescape-disabled
code_env = Environment(trim_blocks=True, lstrip_blocks=True)
