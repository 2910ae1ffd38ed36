import ftplib
import imaplib
import os
import smtplib
import ssl
import telnetlib
from email.message import EmailMessage

SMTP_HOST = "smtp.example.com"
SMTP_USER = os.environ["SMTP_USER"]
SMTP_PASSWORD = os.environ["SMTP_PASSWORD"]


def upload_backup(path: str) -> None:
    ftp = ftplib.FTP("backup.example.com")
    # ruleid: python.cleartext-login-protocol
    ftp.login(os.environ["FTP_USER"], os.environ["FTP_PASSWORD"])
    with open(path, "rb") as fh:
        ftp.storbinary(f"STOR {os.path.basename(path)}", fh)
    ftp.quit()


def send_report(to: str, body: str) -> None:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = SMTP_USER, to, "Daily report"
    msg.set_content(body)
    with smtplib.SMTP(SMTP_HOST, 25) as server:
        # ruleid: python.cleartext-login-protocol
        server.login(SMTP_USER, SMTP_PASSWORD)
        server.send_message(msg)


def fetch_unread(user: str, password: str) -> int:
    mail = imaplib.IMAP4("imap.example.com")
    # ruleid: python.cleartext-login-protocol
    mail.login(user, password)
    mail.select("INBOX")
    _, data = mail.search(None, "UNSEEN")
    return len(data[0].split())


def reboot_switch(host: str, password: str) -> None:
    tn = telnetlib.Telnet(host, 23, timeout=10)
    tn.read_until(b"Password: ")
    # ruleid: python.cleartext-login-protocol
    tn.write(password.encode("ascii") + b"\n")
    tn.write(b"reload\n")


def send_report_safely(to: str, body: str) -> None:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = SMTP_USER, to, "Daily report"
    msg.set_content(body)
    with smtplib.SMTP(SMTP_HOST, 587) as server:
        server.starttls(context=ssl.create_default_context())
        # ok: python.cleartext-login-protocol
        server.login(SMTP_USER, SMTP_PASSWORD)
        server.send_message(msg)


def upload_backup_safely(path: str) -> None:
    ftps = ftplib.FTP_TLS("backup.example.com")
    # ok: python.cleartext-login-protocol
    ftps.login(os.environ["FTP_USER"], os.environ["FTP_PASSWORD"])
    ftps.prot_p()
    with open(path, "rb") as fh:
        ftps.storbinary(f"STOR {os.path.basename(path)}", fh)


def fetch_unread_safely(user: str, password: str) -> int:
    mail = imaplib.IMAP4_SSL("imap.example.com")
    # ok: python.cleartext-login-protocol
    mail.login(user, password)
    mail.select("INBOX")
    _, data = mail.search(None, "UNSEEN")
    return len(data[0].split())


def notify_local(to: str, body: str) -> None:
    with smtplib.SMTP("localhost") as relay:
        # ok: python.cleartext-login-protocol
        relay.login("app", SMTP_PASSWORD)
        relay.sendmail("app@localhost", [to], body)


def anonymous_mirror() -> list:
    # ruleid: python.cleartext-login-protocol
    with ftplib.FTP("ftp.example.org", "anonymous", os.environ["MIRROR_PASSWORD"]) as ftp:
        return ftp.nlst()
