import os

# ok: hardcoded-secret
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
# ok: hardcoded-secret
PASSWORD_RESET_TIMEOUT = 60 * 30
