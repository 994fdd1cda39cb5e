from starlette.middleware.sessions import SessionMiddleware

from .app import app
from .config import settings

# ok: session-management
app.add_middleware(SessionMiddleware, secret_key=settings.session_key, https_only=True, same_site="strict", max_age=4 * 3600)
