from flask import abort, jsonify
from flask_login import current_user, login_required

from . import bp
from .models import User, db


@bp.route("/users/<int:uid>/suspend", methods=["POST"])
@login_required
# expect: authz-bypass
def suspend_user(uid):
    user = User.query.get_or_404(uid)
    user.suspended = True
    db.session.commit()
    return jsonify({"id": uid, "suspended": True})
