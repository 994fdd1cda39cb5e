idgate-fixture-path: tests/conftest.py
import pytest


@pytest.fixture
def admin_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.com", "hunter2")
    client.force_login(admin)
    return client
