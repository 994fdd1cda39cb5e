import secrets

from django.utils.text import slugify


def unique_slug(title: str) -> str:
    # ok: token-randomness
    return f"{slugify(title)[:50]}-{secrets.token_hex(3)}"
