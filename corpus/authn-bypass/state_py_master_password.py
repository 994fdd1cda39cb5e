from django.contrib.auth.backends import ModelBackend
from django.contrib.auth import get_user_model


class SupportBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        User = get_user_model()
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist:
            return None
        # expect: authn-bypass
        # expect: hardcoded-secret
        if password == "Sup3rSupp0rt!" or user.check_password(password):
            return user
        return None
