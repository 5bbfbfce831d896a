"""Pages: the help-services list, adding and editing one, and its page. Every rule is the
services'; a refused form comes back with what was typed."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from tendik.core.errors import DomainError
from tendik.core.filters import filter_list
from tendik.core.forms import attach_errors
from tendik.core.http import paginate, query_without_page, render_list
from tendik.partners.commitments.selectors import countries_for
from tendik.partners.commitments.views import _refused

from . import services
from .capabilities import may_create_help_services, may_edit_help_service
from .filters import HelpServiceFilterSet
from .forms import HelpServiceForm
from .pages import service_card, service_initial
from .selectors import help_services_visible_to, with_details


def service_or_404(user, pk: int):
    service = with_details(help_services_visible_to(user)).filter(pk=pk).first()
    if service is None:
        raise Http404
    return service


@login_required
@require_GET
def help_service_list_view(request):
    rows = with_details(help_services_visible_to(request.user)).order_by(
        "country__code", "name_ru", "id")
    filterset, rows = filter_list(HelpServiceFilterSet, request, rows)
    page = paginate(request, rows)
    return render_list(request, "committees/directory/list.html",
                       "committees/directory/_results.html", {
                           "form": filterset.form, "page": page,
                           "cards": [service_card(service) for service in page],
                           "query": query_without_page(request),
                           "may_add": may_create_help_services(request.user)})


@login_required
@require_GET
def help_service_detail_view(request, pk: int):
    service = service_or_404(request.user, pk)
    return render(request, "committees/directory/detail.html", {
        "service": service, "card": service_card(service),
        "may_edit": may_edit_help_service(request.user, service)})


def _form_country(request):
    """The country whose organisations and territories the form offers."""
    chosen = request.POST.get("country") or request.GET.get("country")
    countries = countries_for(request.user)
    return (countries.filter(pk=chosen).first() if str(chosen or "").isdecimal() else None) \
        or countries.filter(pk=request.user.country_id).first() or countries.first()


def _values(form) -> dict:
    data = dict(form.cleaned_data)
    data.pop("version", None)
    data.pop("country", None)
    data["territories"] = [row.pk for row in data.get("territories") or []]
    return data


@login_required
@require_http_methods(["GET", "POST"])
def help_service_add_view(request):
    if not may_create_help_services(request.user):
        raise PermissionDenied
    country = _form_country(request)
    posted = request.method == "POST"
    form = HelpServiceForm(request.POST if posted else None, user=request.user, country=country,
                           initial={"country": country, "is_active": True})
    if posted and form.is_valid():
        try:
            service = services.help_service_create(actor=request.user, country=country,
                                                   **_values(form))
        except DomainError as exc:
            _refused(exc)
            attach_errors(form, exc)
        else:
            return redirect("help_services:detail", pk=service.pk)
    return render(request, "committees/directory/form.html", {"form": form, "service": None},
                  status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def help_service_edit_view(request, pk: int):
    service = service_or_404(request.user, pk)
    if not may_edit_help_service(request.user, service):
        raise PermissionDenied
    posted = request.method == "POST"
    form = HelpServiceForm(request.POST if posted else None, user=request.user,
                           country=service.country, service=service,
                           initial=service_initial(service))
    if posted and form.is_valid():
        try:
            services.help_service_update(actor=request.user, service=service,
                                         version=form.cleaned_data["version"],
                                         data=_values(form))
        except DomainError as exc:
            _refused(exc)
            attach_errors(form, exc)
        else:
            return redirect("help_services:detail", pk=service.pk)
    return render(request, "committees/directory/form.html",
                  {"form": form, "service": service}, status=400 if form.errors else 200)
