import logging

from flask import Flask, request

app = Flask(__name__)
log = logging.getLogger("access")


@app.before_request
def trace_request():
    # expect: secret-exposure
    log.debug("incoming %s %s headers=%s", request.method, request.path, request.headers)
