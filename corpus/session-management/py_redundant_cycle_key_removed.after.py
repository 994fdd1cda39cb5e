from django.contrib.auth import login as django_login


# django.contrib.auth.login() already rotates the session key, so the explicit
# cycle_key() call before it was redundant.
def complete_login(request, user):
    django_login(request, user)
    request.session["mfa_verified"] = True
