import requests
import urllib3

urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)

session = requests.Session()
# expect: transport-trust
session.verify = False


def get_token(client_id, client_secret, token_url):
    r = session.post(token_url, data={"grant_type": "client_credentials"}, auth=(client_id, client_secret))
    return r.json()["access_token"]
