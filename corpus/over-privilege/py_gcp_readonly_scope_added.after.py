from google.oauth2 import service_account

SCOPES = [
    "https://www.googleapis.com/auth/bigquery.readonly",
    "https://www.googleapis.com/auth/devstorage.read_only",
]


def credentials(path: str):
    return service_account.Credentials.from_service_account_file(path, scopes=SCOPES)
