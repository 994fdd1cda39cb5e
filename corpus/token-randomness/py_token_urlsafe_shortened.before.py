import secrets

from .models import EmailVerification


def start_verification(user):
    token = secrets.token_urlsafe(32)
    EmailVerification.objects.create(user=user, token=token)
    return token
