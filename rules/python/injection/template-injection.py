from django.http import HttpResponse
from django.template import Context, Template as DjangoTemplate
from flask import Flask, render_template, render_template_string, request
from jinja2 import Environment, Template

app = Flask(__name__)
env = Environment(autoescape=True)

GREETING = "<h1>Hello {{ name }}!</h1>"


@app.route("/hello")
def hello():
    name = request.args.get("name", "world")
    template = f"<h1>Hello {name}!</h1>"
    # ruleid: python.template-injection
    return render_template_string(template)


@app.route("/preview", methods=["POST"])
def preview():
    body = request.form["body"]
    # ruleid: python.template-injection
    return Template(body).render(user="guest")


@app.route("/email-preview", methods=["POST"])
def email_preview():
    subject = request.json.get("subject", "")
    # ruleid: python.template-injection
    tmpl = env.from_string("Subject: " + subject + "\n\n{{ body }}")
    return tmpl.render(body="...")


def django_page(request):
    title = request.GET.get("title", "")
    # ruleid: python.template-injection
    t = DjangoTemplate("<title>" + title + "</title>")
    return HttpResponse(t.render(Context({})))


@app.route("/hello-safe")
def hello_safe():
    name = request.args.get("name", "world")
    # ok: python.template-injection
    return render_template_string(GREETING, name=name)


@app.route("/profile")
def profile():
    user = request.args.get("user", "")
    # ok: python.template-injection
    return render_template("profile.html", user=user)


@app.route("/notice")
def notice():
    msg = request.args.get("msg", "")
    # ok: python.template-injection
    return Template("<p>{{ msg }}</p>", autoescape=True).render(msg=msg)
