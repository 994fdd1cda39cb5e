from rest_framework import viewsets
from rest_framework.permissions import IsAuthenticated

from .models import PayoutAccount
from .serializers import PayoutAccountSerializer


class PayoutAccountViewSet(viewsets.ModelViewSet):
    serializer_class = PayoutAccountSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return PayoutAccount.objects.filter(owner=self.request.user)
