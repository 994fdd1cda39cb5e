from rest_framework import viewsets
from rest_framework.permissions import AllowAny

from .models import PayoutAccount
from .serializers import PayoutAccountSerializer


class PayoutAccountViewSet(viewsets.ModelViewSet):
    serializer_class = PayoutAccountSerializer
    # expect: authz-bypass
    permission_classes = [AllowAny]

    def get_queryset(self):
        return PayoutAccount.objects.filter(owner=self.request.user)
