from datetime import datetime, timezone
import secrets

from .models import AccessToken


def issue_client_credentials(client):
    token = AccessToken.objects.create(
        client=client,
        token=secrets.token_urlsafe(32),
        issued_at=datetime.now(timezone.utc),
    )
    # expect: token-lifetime
    return {"access_token": token.token, "token_type": "Bearer", "expires_in": 31536000}
