import csv
import time
from pathlib import Path

EXPORT_DIR = Path("/var/lib/acme/exports")


def export_orders(orders):
    # ok: token-randomness
    path = EXPORT_DIR / f"orders-{int(time.time())}.csv"
    with path.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "total", "created"])
        for order in orders:
            writer.writerow([order.id, order.total, order.created.isoformat()])
    return path
