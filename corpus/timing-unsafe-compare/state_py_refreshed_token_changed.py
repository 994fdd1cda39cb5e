class Credentials:
    def __init__(self, access_token, store):
        self.access_token = access_token
        self.store = store

    def refresh_from_store(self):
        new_cred = self.store.get()
        # ok: timing-unsafe-compare
        if new_cred and new_cred.access_token != self.access_token:
            self.access_token = new_cred.access_token
            return True
        return False


def check_api_key(request, settings):
    # expect: timing-unsafe-compare
    return request.headers.get("X-Api-Key") == settings.api_key


def check_client(request, client):
    # expect: timing-unsafe-compare
    return request.api_key == client.api_key
