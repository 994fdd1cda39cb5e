import requests


def geocode(address: str, api_key: str) -> dict:
    # expect: secret-exposure
    url = "https://maps.example.com/geocode?address={}&api_key={}".format(address, api_key)
    return requests.get(url, timeout=10).json()
