from datetime import timedelta

from flask import Flask

app = Flask(__name__)
app.config.update(
    SESSION_COOKIE_SECURE=True,
    # expect: session-management
    SESSION_COOKIE_HTTPONLY=False,
    # expect: session-management
    PERMANENT_SESSION_LIFETIME=timedelta(days=400),
)
