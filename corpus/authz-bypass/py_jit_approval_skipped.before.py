import logging

from .policy import needs_approval
from .store import grants

log = logging.getLogger(__name__)


def request_elevation(user, role, ttl_minutes=30, approval=None):
    if needs_approval(role) and (approval is None or approval.status != "approved"):
        raise PermissionError(f"{role} requires an approved request")
    log.info("elevating %s to %s for %s minutes", user.id, role, ttl_minutes)
    return grants.create(user.id, role, ttl_minutes=ttl_minutes)
