from django.core import signing

EMAIL_LINK_MAX_AGE = 60 * 60


def confirm(token: str) -> int:
    return signing.loads(token, salt="email-confirm", max_age=EMAIL_LINK_MAX_AGE)["uid"]
