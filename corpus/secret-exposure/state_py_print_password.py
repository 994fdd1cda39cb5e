from .models import User


def create_superuser(email: str, password: str) -> User:
    user = User.objects.create_superuser(email=email, password=password)
    # expect: secret-exposure
    print(f"created admin {email} with password {password}")
    return user
