from django.contrib.auth import login as django_login


def complete_login(request, user):
    django_login(request, user)
    # expect: session-management
    request.session["mfa_verified"] = True
