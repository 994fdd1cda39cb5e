# expect: hardcoded-secret
Stripe.api_key = "sk_live_51HxQz2LkE8vR4tYu9NcB3mWa7PdF0gJs"
Stripe.max_network_retries = 2
