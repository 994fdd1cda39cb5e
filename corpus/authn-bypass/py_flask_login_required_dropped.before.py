from flask import Blueprint, jsonify, request
from flask_login import login_required, current_user

from .models import Invoice, db

bp = Blueprint("billing", __name__, url_prefix="/billing")


@bp.route("/invoices", methods=["GET"])
@login_required
def list_invoices():
    rows = Invoice.query.filter_by(account_id=current_user.account_id).all()
    return jsonify([r.to_dict() for r in rows])


@bp.route("/invoices/<int:invoice_id>/void", methods=["POST"])
@login_required
def void_invoice(invoice_id):
    inv = Invoice.query.get_or_404(invoice_id)
    inv.status = "void"
    inv.voided_reason = request.json.get("reason", "")
    db.session.commit()
    return jsonify(inv.to_dict())
