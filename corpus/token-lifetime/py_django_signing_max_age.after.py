from django.core import signing

# expect: token-lifetime-extended
EMAIL_LINK_MAX_AGE = 60 * 60 * 24 * 365


def confirm(token: str) -> int:
    return signing.loads(token, salt="email-confirm", max_age=EMAIL_LINK_MAX_AGE)["uid"]
