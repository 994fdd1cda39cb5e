import requests


def geocode(address: str, api_key: str) -> dict:
    # expect: secret-exposure
    url = f"https://maps.example.com/geocode?address={address}&key={api_key}"
    return requests.get(url, timeout=5).json()
