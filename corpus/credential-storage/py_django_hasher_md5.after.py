PASSWORD_HASHERS = [
    # expect: credential-storage
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
