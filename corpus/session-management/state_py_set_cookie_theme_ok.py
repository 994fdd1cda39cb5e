from flask import Flask, make_response, request

app = Flask(__name__)


@app.post("/preferences")
def save_preferences():
    resp = make_response("", 204)
    # ok: session-management
    resp.set_cookie("theme", request.form.get("theme", "light"), max_age=31536000, samesite="Lax")
    return resp
