"""Settings for the public catalogue API: any origin may read it, no cookies."""
# ok: python.cors-wildcard-with-credentials
CORS_ORIGIN_ALLOW_ALL = True
# ok: python.cors-wildcard-with-credentials
CORS_ALLOW_CREDENTIALS = False
# ok: python.cors-wildcard-with-credentials
CORS_ALLOWED_ORIGINS = ["https://shop.example.com"]
