from datetime import datetime, timedelta, timezone

import jwt


def issue(user_id, key):
    now = datetime.now(timezone.utc)
    exp = now + timedelta(minutes=15)
    return jwt.encode({"sub": user_id, "exp": exp}, key, algorithm="HS256")
