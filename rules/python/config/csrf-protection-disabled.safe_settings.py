"""Settings for the members site (CSRF middleware on)."""
# ok: python.csrf-protection-disabled
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
# ok: python.csrf-protection-disabled
CSRF_COOKIE_HTTPONLY = False
