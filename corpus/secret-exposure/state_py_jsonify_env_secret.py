import os

from flask import Flask, jsonify

app = Flask(__name__)


@app.errorhandler(500)
def server_error(exc):
    return jsonify(
        error="internal error",
        # expect: secret-exposure
        debug={"stripe_secret_key": os.getenv("STRIPE_SECRET_KEY"), "detail": str(exc)},
    ), 500
