import random
import string

from .models import PasswordReset


def create_reset(user):
    # expect: token-randomness
    code = "".join(random.choices(string.ascii_letters + string.digits, k=32))
    return PasswordReset.objects.create(user=user, code=code)
