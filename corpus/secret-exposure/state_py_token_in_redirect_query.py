from flask import Blueprint, redirect, session

from .oauth import oauth

bp = Blueprint("sso", __name__)


@bp.route("/sso/callback")
def sso_callback():
    token = oauth.corp.authorize_access_token()
    session["user"] = token["userinfo"]["sub"]
    # expect: secret-exposure
    return redirect(f"https://app.example.com/welcome?access_token={token['access_token']}")
