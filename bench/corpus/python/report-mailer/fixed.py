"""Nightly job: build the sales report, upload it and e-mail it."""
import csv
import ftplib
import io
import os
import smtplib
import ssl
import urllib.request
from email.message import EmailMessage

SMTP_HOST = "mail.example.com"
SMTP_USER = os.environ["SMTP_USER"]
SMTP_PASSWORD = os.environ["SMTP_PASSWORD"]


def fetch_sales() -> list:
    ctx = ssl.create_default_context()  # bench: safe CWE-295
    with urllib.request.urlopen("https://erp.example.com/export/sales.json", context=ctx, timeout=30) as resp:
        return __import__("json").load(resp)


def to_csv(rows: list) -> bytes:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=["region", "total"])
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue().encode()


def upload(data: bytes) -> None:
    ftps = ftplib.FTP_TLS("files.example.com")
    ftps.login(os.environ["FTP_USER"], os.environ["FTP_PASSWORD"])  # bench: safe CWE-319
    ftps.prot_p()
    ftps.storbinary("STOR sales.csv", io.BytesIO(data))
    ftps.quit()


def mail(data: bytes) -> None:
    msg = EmailMessage()
    msg["Subject"], msg["From"], msg["To"] = "Sales report", SMTP_USER, "board@example.com"
    msg.set_content("Attached.")
    msg.add_attachment(data, maintype="text", subtype="csv", filename="sales.csv")
    server = smtplib.SMTP(SMTP_HOST, 587)
    server.starttls(context=ssl.create_default_context())
    server.login(SMTP_USER, SMTP_PASSWORD)  # bench: safe CWE-319
    server.send_message(msg)
    server.quit()


if __name__ == "__main__":
    report = to_csv(fetch_sales())
    upload(report)
    mail(report)
