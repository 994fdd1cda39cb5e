SECRET_KEY = __import__("os").environ["DJANGO_SECRET_KEY"]
DEBUG = False
# expect: session-management
SESSION_COOKIE_SECURE = False
# expect: session-management
SESSION_COOKIE_HTTPONLY = False
SESSION_COOKIE_AGE = 60 * 60 * 4
