import random

from django.core.mail import send_mail

from .models import ResetCode


def send_reset_code(user):
    # expect: token-randomness
    code = f"{random.randint(0, 999999):06d}"
    ResetCode.objects.create(user=user, code=code)
    send_mail("Your reset code", f"Code: {code}", None, [user.email])
