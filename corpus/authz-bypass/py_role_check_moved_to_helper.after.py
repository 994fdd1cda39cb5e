from flask import abort, jsonify
from flask_login import current_user, login_required

from . import bp
from .models import User, db


def _require_support_admin():
    if not current_user.has_role("support_admin"):
        abort(403)


@bp.route("/users/<int:uid>/unlock", methods=["POST"])
@login_required
def unlock_user(uid):
    _require_support_admin()
    user = User.query.get_or_404(uid)
    user.locked = False
    db.session.commit()
    return jsonify({"id": uid, "locked": False})
