from flask import Flask, make_response

app = Flask(__name__)


@app.post("/login")
def login():
    sid = start_session()
    resp = make_response("", 204)
    # ok: session-management
    resp.set_cookie("session_id", sid, httponly=True, secure=True, samesite="Lax")
    return resp
