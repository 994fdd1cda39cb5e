import secrets

from .models import EmailVerification


def start_verification(user):
    # shorter links fit in SMS
    # expect: token-randomness
    token = secrets.token_urlsafe(6)
    EmailVerification.objects.create(user=user, token=token)
    return token
