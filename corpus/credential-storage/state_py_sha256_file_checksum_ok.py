import hashlib
from pathlib import Path


def checksum(path: Path) -> str:
    # ok: credential-storage
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(65536), b""):
            h.update(chunk)
    return h.hexdigest()
