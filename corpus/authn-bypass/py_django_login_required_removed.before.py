from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from accounts.models import Profile


@login_required
def profile_detail(request):
    p = Profile.objects.get(user=request.user)
    return JsonResponse({"display_name": p.display_name, "email": request.user.email})


@login_required
@require_POST
def export_profiles(request):
    data = list(Profile.objects.values("user__email", "display_name", "phone"))
    return JsonResponse({"profiles": data})
