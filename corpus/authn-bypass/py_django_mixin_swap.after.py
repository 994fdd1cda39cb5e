from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import ListView

from .models import Statement


class StatementListView(LoginRequiredMixin, ListView):
    template_name = "statements/list.html"
    paginate_by = 25

    def get_queryset(self):
        return Statement.objects.filter(customer__user=self.request.user)
