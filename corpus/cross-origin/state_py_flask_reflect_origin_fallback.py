from flask import Flask, request

app = Flask(__name__)


@app.after_request
def add_cors(resp):
    # expect: cross-origin
    resp.headers["Access-Control-Allow-Origin"] = request.headers.get("Origin") or "*"
    resp.headers["Access-Control-Allow-Credentials"] = "true"
    return resp
