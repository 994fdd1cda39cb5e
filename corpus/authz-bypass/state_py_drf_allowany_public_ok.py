from rest_framework import generics
from rest_framework.permissions import AllowAny

from .models import PricingPlan
from .serializers import PricingPlanSerializer


class PublicPricingList(generics.ListAPIView):
    queryset = PricingPlan.objects.filter(public=True)
    serializer_class = PricingPlanSerializer
    # ok: authz-bypass
    permission_classes = [AllowAny]
