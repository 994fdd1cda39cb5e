from google.oauth2 import service_account

SCOPES = [
    # expect: over-privilege
    "https://www.googleapis.com/auth/cloud-platform",
]


def credentials(path: str):
    return service_account.Credentials.from_service_account_file(path, scopes=SCOPES)
