import os

import stripe


def charge(customer_id: str, amount: int):
    key = os.environ["STRIPE_SECRET_KEY"]
    try:
        return stripe.Charge.create(customer=customer_id, amount=amount, currency="usd", api_key=key)
    except stripe.error.AuthenticationError as e:
        # expect: secret-exposure
        raise RuntimeError(f"stripe rejected key {key}: {e}") from e
