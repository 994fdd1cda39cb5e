import logging

import psycopg

log = logging.getLogger(__name__)


def connect(host: str, user: str, password: str):
    where = f"postgresql://{user}@{host}:5432/app"
    # ok: secret-exposure
    log.info("connecting to %s", where)
    return psycopg.connect(host=host, user=user, password=password, dbname="app")
