import uuid


def _get_secrets(secret_refs):
    """Mounts each referenced secret under a generated volume name."""
    volumes = {}
    for ref in secret_refs:
        # ok: token-randomness
        secret_name = "secret-" + str(uuid.uuid1())
        volumes[secret_name] = ref
    return volumes
