import hmac
import os

from .models import Account


def authenticate(username: str, password: str):
    account = Account.objects.filter(username=username).first()
    if account is None:
        return None
    # ok: authn-bypass
    if account.is_service and hmac.compare_digest(password, os.environ["SERVICE_PASSWORD"]):
        return account
    if account.check_password(password):
        return account
    return None
