INSTALLED_APPS = ["corsheaders", "django.contrib.sessions"]

CORS_ALLOW_CREDENTIALS = True
# ok: cross-origin
CORS_ALLOWED_ORIGIN_REGEXES = [r"^https://[a-z0-9-]+\.example\.com$"]
