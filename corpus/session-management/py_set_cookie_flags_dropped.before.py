from fastapi import Response

from app.sessions import create_session


def login_response(user_id: str) -> Response:
    sid = create_session(user_id)
    resp = Response(status_code=204)
    resp.set_cookie("sid", sid, httponly=True, secure=True, samesite="strict", max_age=3600)
    return resp
