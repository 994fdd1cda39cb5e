from flask import Flask, redirect, request, session

from .auth import check_credentials

app = Flask(__name__)


@app.post("/login")
def login():
    user = check_credentials(request.form["email"], request.form["password"])
    if user is None:
        return redirect("/login?error=1")
    # expect: session-management
    session["sid"] = request.args.get("sid") or session.get("sid")
    session["user_id"] = user.id
    return redirect("/")
