import psycopg


def connect(host: str, user: str, password: str):
    url = f"postgresql://{user}:{password}@{host}:5432/app"
    try:
        return psycopg.connect(url)
    except psycopg.OperationalError as exc:
        # expect: secret-exposure
        raise RuntimeError(f"cannot connect to {url}") from exc
