from django.contrib.auth import login as django_login


def complete_login(request, user):
    request.session.cycle_key()
    django_login(request, user)
    request.session["mfa_verified"] = True
