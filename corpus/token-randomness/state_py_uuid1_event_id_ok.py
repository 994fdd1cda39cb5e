import json
import logging
import uuid
from datetime import datetime, timezone

audit_log = logging.getLogger("audit")


def record(event_type: str, actor_id: int, **details):
    entry = {
        # ok: token-randomness
        "event_id": str(uuid.uuid1()),
        "type": event_type,
        "actor": actor_id,
        "at": datetime.now(timezone.utc).isoformat(),
        "details": details,
    }
    audit_log.info(json.dumps(entry))
