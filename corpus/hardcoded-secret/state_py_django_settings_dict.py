from django.conf import settings

settings.configure(
    DEBUG=False,
    # expect: hardcoded-secret
    SECRET_KEY="django-insecure-k2v9#p0w$r7m^t1y&u5i*o4e(l3a)j6h8g9f2d7s1q0z",
    ALLOWED_HOSTS=["internal.example.com"],
)
