import logging

from flask import Flask, request

app = Flask(__name__)
log = logging.getLogger("access")


@app.before_request
def trace_request():
    # ok: secret-exposure
    log.debug("incoming %s %s ua=%s", request.method, request.path, request.headers.get("User-Agent"))
