import random


def pick_canary_hosts(hosts: list[str], fraction: float = 0.1) -> list[str]:
    k = max(1, int(len(hosts) * fraction))
    # ok: token-randomness
    return random.sample(hosts, k)
