import jwt


def verify(token, key):
    return jwt.decode(token, key, algorithms=["RS256"], audience="ops", leeway=10)
