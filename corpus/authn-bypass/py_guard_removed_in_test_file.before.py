idgate-fixture-path: tests/test_views.py
import pytest
from django.test import Client


@pytest.mark.django_db
def test_profile_requires_login(client: Client, user):
    client.force_login(user)
    resp = client.get("/profile/")
    assert resp.status_code == 200
