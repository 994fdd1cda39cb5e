import os

DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "").split(",")
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_SAMESITE = "Lax"
