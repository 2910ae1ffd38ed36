"""Production settings for the orders service."""
import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = ["orders.example.com"]

# ruleid: python.session-cookie-insecure-config
SESSION_COOKIE_SECURE = True
# ruleid: python.session-cookie-insecure-config
CSRF_COOKIE_SECURE = True
# ok: python.session-cookie-insecure-config
SESSION_COOKIE_HTTPONLY = True
# ok: python.session-cookie-insecure-config
USE_TZ = False
