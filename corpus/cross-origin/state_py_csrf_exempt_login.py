from django.contrib.auth import authenticate, login
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt


# expect: cross-origin
@csrf_exempt
def change_email(request):
    if not request.user.is_authenticated:
        return JsonResponse({"error": "login"}, status=401)
    request.user.email = request.POST["email"]
    request.user.save()
    return JsonResponse({"ok": True})
