"""Weekly HTML activity report e-mailed to each team, rendered with Jinja2."""
import smtplib
from email.message import EmailMessage

from jinja2 import Environment, FileSystemLoader, select_autoescape

env = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape(["html", "xml"]))  # bench: safe CWE-79


def render_report(team, events):
    template = env.get_template("weekly_report.html")
    return template.render(team=team, events=events)


def send_report(team, events, recipients):
    msg = EmailMessage()
    msg["Subject"] = f"Weekly activity for {team['name']}"
    msg["From"] = "reports@example.com"
    msg["To"] = ", ".join(recipients)
    msg.set_content("This report needs an HTML-capable mail client.")
    msg.add_alternative(render_report(team, events), subtype="html")
    with smtplib.SMTP("localhost") as smtp:
        smtp.send_message(msg)


if __name__ == "__main__":
    send_report({"name": "Platform"}, [{"title": "<b>Deploy</b>", "by": "alice"}], ["team@example.com"])
