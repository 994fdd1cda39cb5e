from .models import PinRequest


def check_reset_pin(user_id: int, pin: str) -> bool:
    stored_pin = PinRequest.objects.get(user_id=user_id).pin
    # expect: secret-compared-in-variable-time
    return stored_pin == pin


def check_status_code(response, code: int) -> bool:
    # ok: secret-compared-in-variable-time
    return response.status_code == code


def check_country_code(code: str, allowed: str) -> bool:
    # ok: secret-compared-in-variable-time
    return code == allowed
