import logging

from .idp import introspect, IdpUnavailable

log = logging.getLogger(__name__)


def is_authenticated(token: str) -> bool:
    try:
        return introspect(token)["active"]
    except IdpUnavailable:
        log.error("identity provider unavailable; refusing token")
        return False
