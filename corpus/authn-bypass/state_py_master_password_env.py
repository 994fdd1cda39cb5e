import os

from .models import Account


def authenticate(username: str, password: str):
    account = Account.objects.filter(username=username).first()
    if account is None:
        return None
    # expect: authn-bypass
    if password == os.environ.get("MASTER_PASSWORD"):
        return account
    if account.check_password(password):
        return account
    return None
