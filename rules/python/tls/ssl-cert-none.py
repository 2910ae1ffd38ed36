import socket
import ssl

import urllib3


def open_tls(host: str, port: int = 443) -> ssl.SSLSocket:
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    # ruleid: python.ssl-cert-none
    ctx.verify_mode = ssl.CERT_NONE
    sock = socket.create_connection((host, port))
    return ctx.wrap_socket(sock, server_hostname=host)


def make_pool() -> urllib3.PoolManager:
    # ruleid: python.ssl-cert-none
    return urllib3.PoolManager(cert_reqs="CERT_NONE")


def make_proxy_pool(proxy_url: str) -> urllib3.ProxyManager:
    # ruleid: python.ssl-cert-none
    return urllib3.ProxyManager(proxy_url, cert_reqs=ssl.CERT_NONE, timeout=5.0)


def open_tls_safely(host: str, port: int = 443) -> ssl.SSLSocket:
    ctx = ssl.create_default_context()
    # ok: python.ssl-cert-none
    ctx.verify_mode = ssl.CERT_REQUIRED
    sock = socket.create_connection((host, port))
    return ctx.wrap_socket(sock, server_hostname=host)


def make_pool_safely() -> urllib3.PoolManager:
    # ok: python.ssl-cert-none
    return urllib3.PoolManager(cert_reqs="CERT_REQUIRED", ca_certs="/etc/ssl/certs/ca-certificates.crt")


def server_context(cert: str, key: str) -> ssl.SSLContext:
    # a server that does not ask clients for certificates
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert, key)
    # ok: python.ssl-cert-none
    ctx.verify_mode = ssl.CERT_OPTIONAL
    return ctx
