import hashlib
import time

from django.http import JsonResponse

from .models import ApiKey


def create_api_key(request):
    # expect: token-randomness
    raw = hashlib.sha256(f"{request.user.id}:{time.time()}".encode()).hexdigest()
    ApiKey.objects.create(owner=request.user, key=raw)
    return JsonResponse({"api_key": raw}, status=201)
