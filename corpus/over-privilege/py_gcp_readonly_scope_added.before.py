from google.oauth2 import service_account

SCOPES = ["https://www.googleapis.com/auth/bigquery.readonly"]


def credentials(path: str):
    return service_account.Credentials.from_service_account_file(path, scopes=SCOPES)
