import hashlib
import hmac

from flask import abort, request

from .config import WEBHOOK_SECRET


def verify_github_signature():
    sent = request.headers.get("X-Hub-Signature-256", "")
    expected = "sha256=" + hmac.new(WEBHOOK_SECRET, request.get_data(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(sent, expected):
        abort(401)
