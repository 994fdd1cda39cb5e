from flask import abort, jsonify
from flask_login import current_user, login_required

from . import bp
from .models import User, db


@bp.route("/users/<int:uid>/suspend", methods=["POST"])
@login_required
def suspend_user(uid):
    if not current_user.has_role("support_admin"):
        abort(403)
    user = User.query.get_or_404(uid)
    user.suspended = True
    db.session.commit()
    return jsonify({"id": uid, "suspended": True})
