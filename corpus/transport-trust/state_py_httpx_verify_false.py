import httpx

from .config import settings


class ScimClient:
    def __init__(self, token: str):
        self._client = httpx.Client(
            base_url=settings.scim_url,
            headers={"Authorization": f"Bearer {token}"},
            # expect: transport-trust
            verify=False,
            timeout=10.0,
        )

    def users(self):
        return self._client.get("/Users").json()["Resources"]
