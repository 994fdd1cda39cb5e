from google.appengine.ext import ndb


@ndb.tasklet
def get_token_async(scopes, service_account_id):
    cache_key = "token:" + ",".join(scopes)
    token = yield _cache_get(cache_key)
    if token is None:
        token = yield _mint(scopes, service_account_id)
    # ndb returns a tasklet's value by raising it; nothing is printed.
    # ok: secret-exposure
    raise ndb.Return(token)
