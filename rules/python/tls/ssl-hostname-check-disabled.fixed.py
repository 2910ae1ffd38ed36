import smtplib
import socket
import ssl

import urllib3


def connect_mail(host: str, user: str, password: str) -> smtplib.SMTP:
    ctx = ssl.create_default_context()
    # ruleid: python.ssl-hostname-check-disabled
    ctx.check_hostname = True
    server = smtplib.SMTP(host, 587)
    server.starttls(context=ctx)
    server.login(user, password)
    return server


class Connector:
    def __init__(self, host: str):
        self.host = host
        self.context = ssl.create_default_context()
        # ruleid: python.ssl-hostname-check-disabled
        self.context.check_hostname = True

    def open(self) -> ssl.SSLSocket:
        return self.context.wrap_socket(socket.create_connection((self.host, 443)))


def internal_pool(host: str) -> urllib3.HTTPSConnectionPool:
    # ruleid: python.ssl-hostname-check-disabled
    return urllib3.HTTPSConnectionPool(host, 443, assert_hostname=False)


def connect_mail_safely(host: str, user: str, password: str) -> smtplib.SMTP:
    # ok: python.ssl-hostname-check-disabled
    ctx = ssl.create_default_context()
    server = smtplib.SMTP(host, 587)
    server.starttls(context=ctx)
    server.login(user, password)
    return server


def strict_context() -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    # ok: python.ssl-hostname-check-disabled
    ctx.check_hostname = True
    ctx.load_default_certs()
    return ctx


def pinned_pool(host: str) -> urllib3.HTTPSConnectionPool:
    # ok: python.ssl-hostname-check-disabled
    return urllib3.HTTPSConnectionPool(host, 443, assert_hostname="api.example.com")
