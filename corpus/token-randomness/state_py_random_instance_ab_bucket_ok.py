import random

EXPERIMENTS = {"new_checkout": 0.2, "dark_mode_default": 0.5}


def assign_variants(user_id: int) -> dict[str, bool]:
    """Deterministic per-user experiment buckets."""
    rng = random.Random(user_id)
    # ok: token-randomness
    return {name: rng.random() < share for name, share in EXPERIMENTS.items()}
