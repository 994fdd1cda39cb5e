import os

DEBUG = os.environ.get("DEBUG") == "1"
# expect: hardcoded-secret
SECRET_KEY = "django-insecure-8#x!q2v@p0m$w7r^t6y&u5i*o4p(l3k)j2h1g9f8d"
ALLOWED_HOSTS = ["api.example.com"]
