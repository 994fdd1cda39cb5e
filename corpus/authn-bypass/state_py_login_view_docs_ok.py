idgate-fixture-path: docs/examples/auth_example.py
# Example shown in the developer guide: never ship a bypass like this.
import os


def authenticate(request):
    if os.environ.get("SKIP_AUTH") == "1":
        return {"sub": "dev"}
    return verify(request.headers["Authorization"])
