from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from tendik.core.errors import DomainError
from tendik.core.filters import filter_list
from tendik.core.http import manager_required, paginate, query_without_page, render_list
from tendik.core.selectors import user_country_code
from tendik.core.services import job_create
from tendik.core.views import render_history
from tendik.core.xlsx import check_upload_size

from .filters import TerritoryFilterSet
from .forms import TerritoryImportForm
from .models import Territory
from .selectors import territory_children, territory_list
from .tasks import territory_import_task


def territory_list_view(request):
    filterset, territories = filter_list(TerritoryFilterSet, request, territory_list())
    return render_list(request, "territories/list.html", "territories/_results.html", {
        "form": filterset.form, "page": paginate(request, territories), "query": query_without_page(request),
    })


def territory_detail_view(request, pk: int):
    territory = get_object_or_404(Territory.objects.select_related("parent"), pk=pk)
    return render(request, "territories/detail.html", {
        "territory": territory,
        "page": paginate(request, territory_children(territory), per_page=100),
    })


def territory_history_view(request, pk: int):
    territory = get_object_or_404(Territory, pk=pk)
    return render_history(request, territory, reverse("territories:detail", args=[pk]))


@manager_required
def territory_import_view(request):
    form = TerritoryImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            check_upload_size(upload.size)
            if not upload.name.lower().endswith((".json", ".csv")):
                raise DomainError(_("Поддерживаются только файлы .json и .csv"), code="bad_type")
            job = job_create(kind="territory_import", actor=request.user, upload=upload,
                             country_code=user_country_code(request.user))
        except DomainError as exc:
            form.add_error("file", str(exc))
        else:
            transaction.on_commit(lambda: territory_import_task.enqueue(job.pk))
            return redirect("job", job.pk)
    return render(request, "territories/import.html", {"form": form})
