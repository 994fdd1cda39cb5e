from django.core.exceptions import PermissionDenied
from django.utils import timezone

from .models import AccessRequest


def approve_request(request_id: int, approver):
    req = AccessRequest.objects.select_for_update().get(pk=request_id)
    if req.requested_by_id == approver.id:
        raise PermissionDenied("requesters cannot approve their own access")
    if not approver.groups.filter(name="access-approvers").exists():
        raise PermissionDenied("not an approver")
    req.approved_by = approver
    req.approved_at = timezone.now()
    req.save()
    return req
