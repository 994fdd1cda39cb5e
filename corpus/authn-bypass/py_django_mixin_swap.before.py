from django.contrib.auth.decorators import login_required
from django.utils.decorators import method_decorator
from django.views.generic import ListView

from .models import Statement


@method_decorator(login_required, name="dispatch")
class StatementListView(ListView):
    template_name = "statements/list.html"
    paginate_by = 25

    def get_queryset(self):
        return Statement.objects.filter(customer__user=self.request.user)
