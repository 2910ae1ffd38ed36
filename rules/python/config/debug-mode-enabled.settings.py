"""Django settings for blog project."""
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = __import__("os").environ["DJANGO_SECRET_KEY"]

# ruleid: python.debug-mode-enabled
DEBUG = True

ALLOWED_HOSTS = ["*"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "blog",
]
ROOT_URLCONF = "blog.urls"
