idgate-fixture-path: tests/api/test_keys.py
from fastapi.testclient import TestClient

from app.deps import get_current_user
from app.main import app


def test_list_keys_anonymous(client: TestClient):
    app.dependency_overrides.clear()
    resp = client.get("/api-keys/")
    assert resp.status_code == 401
