from rest_framework import viewsets
from rest_framework.permissions import AllowAny

from .models import Tenant
from .serializers import TenantSerializer


class TenantAdminViewSet(viewsets.ModelViewSet):
    queryset = Tenant.objects.all()
    serializer_class = TenantSerializer
    # expect: authz-bypass
    permission_classes = [AllowAny]
