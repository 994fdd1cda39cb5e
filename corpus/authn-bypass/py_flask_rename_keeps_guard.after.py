from flask import Blueprint, jsonify
from flask_login import login_required, current_user

from .models import Webhook

bp = Blueprint("hooks", __name__)


@bp.route("/webhooks")
@login_required
def list_webhooks():
    """Webhooks owned by the caller's workspace."""
    items = Webhook.query.filter_by(workspace_id=current_user.workspace_id)
    return jsonify([h.to_dict() for h in items])
