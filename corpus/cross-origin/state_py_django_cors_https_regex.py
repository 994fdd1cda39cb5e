INSTALLED_APPS = ["corsheaders", "django.contrib.sessions"]

CORS_ALLOW_CREDENTIALS = True
# expect: cross-origin
CORS_ALLOWED_ORIGIN_REGEXES = [r"^https://.*$"]
