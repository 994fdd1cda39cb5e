import logging

log = logging.getLogger(__name__)


def report(results: list[bool]) -> None:
    pass_count = sum(1 for r in results if r)
    # ok: secret-exposure
    log.info("login checks passed: %d of %d", pass_count, len(results))
