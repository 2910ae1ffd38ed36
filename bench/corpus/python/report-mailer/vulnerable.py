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
    ctx = ssl._create_unverified_context()  # bench: vuln CWE-295
    with urllib.request.urlopen("https://erp.example.com/export/sales.json", context=ctx, timeout=30) as resp:
        return __import__("json").load(resp)


def to_csv(rows: list) -> bytes:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=["region", "total"])
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue().encode()


def upload(data: bytes) -> None:
    ftp = ftplib.FTP("files.example.com")
    ftp.login(os.environ["FTP_USER"], os.environ["FTP_PASSWORD"])  # bench: vuln CWE-319
    ftp.storbinary("STOR sales.csv", io.BytesIO(data))
    ftp.quit()


def mail(data: bytes) -> None:
    msg = EmailMessage()
    msg["Subject"], msg["From"], msg["To"] = "Sales report", SMTP_USER, "board@example.com"
    msg.set_content("Attached.")
    msg.add_attachment(data, maintype="text", subtype="csv", filename="sales.csv")
    server = smtplib.SMTP(SMTP_HOST, 25)
    server.login(SMTP_USER, SMTP_PASSWORD)  # bench: vuln CWE-319
    server.send_message(msg)
    server.quit()


if __name__ == "__main__":
    report = to_csv(fetch_sales())
    upload(report)
    mail(report)
