import os

DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "").split(",")
# expect: session-management
SESSION_COOKIE_SECURE = False
SESSION_COOKIE_SAMESITE = "Lax"
