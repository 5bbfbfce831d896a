from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tendik.core.errors import DomainError
from tendik.core.filters import filter_list
from tendik.core.http import manager_required, paginate, query_without_page, render_list
from tendik.core.selectors import object_history, readable_history
from tendik.core.views import render_history
from tendik.core.xlsx import XLSX_CONTENT_TYPE, check_upload_size

from . import services
from .filters import OrganisationFilterSet, PersonFilterSet, UserFilterSet
from .forms import (
    DirectoryUploadForm,
    OrganisationForm,
    OrganisationNameForm,
    PersonForm,
    UserForm,
)
from .models import Organisation, OrganisationKind, OrganisationName, Person, User
from .selectors import (
    organisation_detail,
    organisation_list,
    organisation_people,
    organisations_visible_to,
    people_visible_to,
    person_list,
    users_visible_to,
)
from .xlsx_io import export_workbook

HISTORY_PREVIEW = 10


def _visible_or_404(queryset, pk: int):
    try:
        return queryset.get(pk=pk)
    except queryset.model.DoesNotExist:
        raise Http404 from None


@login_required
def organisation_list_view(request):
    filterset, organisations = filter_list(OrganisationFilterSet, request,
                                           organisation_list(user=request.user))
    page = paginate(request, organisations)
    # One translation of the kind labels per page, not one per row (measured: ~5 ms a page).
    labels = {value: str(label) for value, label in OrganisationKind.choices}
    for organisation in page:
        organisation.kind_label = labels[organisation.kind]
    return render_list(request, "organisations/list.html", "organisations/_results.html", {
        "form": filterset.form, "page": page, "query": query_without_page(request),
    })


@login_required
def organisation_detail_view(request, pk: int):
    try:
        organisation = organisation_detail(user=request.user, pk=pk)
    except Organisation.DoesNotExist:
        raise Http404 from None
    return render(request, "organisations/detail.html", {
        "organisation": organisation,
        "people": organisation_people(user=request.user, organisation=organisation)[:50],
        "history": readable_history(object_history(organisation)[:HISTORY_PREVIEW]),
        "name_form": OrganisationNameForm(),
    })


def _save_organisation(request, form, organisation=None):
    data = {k: v for k, v in form.cleaned_data.items() if k != "reason"}
    reason = form.cleaned_data.get("reason", "")
    try:
        if organisation is None:
            return services.organisation_create(actor=request.user, reason=reason, **data)
        services.organisation_update(organisation=organisation, actor=request.user,
                                     reason=reason, **data)
        return organisation
    except DomainError as exc:
        form.add_error(None, str(exc))
        return None


@manager_required
def organisation_create_view(request):
    visible = organisations_visible_to(request.user)
    initial = {"country": request.user.country_id}
    form = OrganisationForm(request.POST or None, initial=initial, organisations=visible)
    if request.method == "POST" and form.is_valid():
        organisation = _save_organisation(request, form)
        if organisation is not None:
            messages.success(request, _("Организация создана."))
            return redirect("organisations:detail", organisation.pk)
    return render(request, "organisations/form.html", {"form": form})


@manager_required
def organisation_edit_view(request, pk: int):
    visible = organisations_visible_to(request.user)
    organisation = _visible_or_404(visible, pk)
    form = OrganisationForm(request.POST or None, instance=organisation, organisations=visible)
    # The form writes its values onto its instance, so the service is given a fresh copy to compare.
    if (request.method == "POST" and form.is_valid()
            and _save_organisation(request, form, _visible_or_404(visible, pk)) is not None):
        messages.success(request, _("Изменения сохранены."))
        return redirect("organisations:detail", pk)
    return render(request, "organisations/form.html", {"form": form, "organisation": organisation})


@manager_required
@require_POST
def organisation_name_add_view(request, pk: int):
    organisation = _visible_or_404(organisations_visible_to(request.user), pk)
    form = OrganisationNameForm(request.POST)
    if form.is_valid():
        try:
            services.organisation_name_add(organisation=organisation, actor=request.user,
                                           **form.cleaned_data)
            messages.success(request, _("Название добавлено."))
        except DomainError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("organisations:detail", pk)


@manager_required
@require_POST
def organisation_name_remove_view(request, pk: int, name_pk: int):
    organisation = _visible_or_404(organisations_visible_to(request.user), pk)
    other = get_object_or_404(OrganisationName, pk=name_pk, organisation=organisation)
    try:
        services.organisation_name_remove(other_name=other, actor=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect("organisations:detail", pk)


@login_required
def organisation_history_view(request, pk: int):
    organisation = _visible_or_404(organisations_visible_to(request.user), pk)
    return render_history(request, organisation, reverse("organisations:detail", args=[pk]))


@login_required
def person_list_view(request):
    filterset, people = filter_list(PersonFilterSet, request, person_list(user=request.user))
    return render_list(request, "organisations/people.html", "organisations/_people_results.html",
                       {"form": filterset.form, "page": paginate(request, people),
                        "query": query_without_page(request)})


@login_required
def person_detail_view(request, pk: int):
    person = _visible_or_404(people_visible_to(request.user).select_related("organisation"), pk)
    return render(request, "organisations/person_detail.html", {
        "person": person, "history": readable_history(object_history(person)[:HISTORY_PREVIEW])})


def _person_form_view(request, person: Person | None):
    visible = organisations_visible_to(request.user)
    form = PersonForm(request.POST or None, instance=person, organisations=visible,
                      initial={"organisation": request.GET.get("organisation")})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "reason"}
        reason = form.cleaned_data.get("reason", "")
        try:
            if person is None:
                person = services.person_create(actor=request.user, reason=reason, **data)
            else:
                fresh = people_visible_to(request.user).get(pk=person.pk)
                services.person_update(person=fresh, actor=request.user, reason=reason, **data)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Сохранено."))
            return redirect("organisations:person", person.pk)
    return render(request, "organisations/person_form.html", {"form": form, "person": person})


@manager_required
def person_create_view(request):
    return _person_form_view(request, None)


@manager_required
def person_edit_view(request, pk: int):
    return _person_form_view(request, _visible_or_404(people_visible_to(request.user), pk))


@login_required
def person_history_view(request, pk: int):
    person = _visible_or_404(people_visible_to(request.user), pk)
    return render_history(request, person, reverse("organisations:person", args=[pk]))


@manager_required
def user_list_view(request):
    filterset, users = filter_list(UserFilterSet, request,
                                   users_visible_to(request.user).order_by("username"))
    return render_list(request, "organisations/users.html", "organisations/_users_results.html", {
        "form": filterset.form, "page": paginate(request, users),
        "query": query_without_page(request),
    })


def _user_form_view(request, account: User | None):
    visible = organisations_visible_to(request.user)
    initial = {}
    if account is not None:
        initial = {"username": account.username, "first_name": account.first_name,
                   "last_name": account.last_name, "email": account.email,
                   "language": account.language, "organisation": account.organisation_id,
                   "is_active": account.is_active,
                   "roles": [a.role for a in account.role_assignments.all()]}
    form = UserForm(request.POST or None, initial=initial, organisations=visible,
                    creating=account is None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        password = data.pop("password")
        try:
            services.user_save(actor=request.user, user=account, data=data, password=password)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Пользователь сохранён."))
            return redirect("organisations:users")
    return render(request, "organisations/user_form.html", {"form": form, "account": account})


@manager_required
def user_create_view(request):
    return _user_form_view(request, None)


@manager_required
def user_edit_view(request, pk: int):
    return _user_form_view(request, _visible_or_404(users_visible_to(request.user), pk))


@manager_required
def user_history_view(request, pk: int):
    account = _visible_or_404(users_visible_to(request.user), pk)
    return render_history(request, account, reverse("organisations:user_edit", args=[pk]))


@login_required
def directory_export_view(request):
    organisations = organisation_list(user=request.user).select_related("parent")
    people = person_list(user=request.user)
    content = export_workbook(organisations, people)
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="tendik-organisations-{stamp}.xlsx"'
    return response


@manager_required
def directory_import_view(request):
    form = DirectoryUploadForm(request.POST or None, request.FILES or None)
    errors, counts = [], None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            check_upload_size(upload.size)
            if not upload.name.lower().endswith(".xlsx"):
                raise DomainError(_("Это не файл XLSX. Сохраните таблицу в формате Excel (.xlsx)."))
            counts = services.directory_import_xlsx(actor=request.user, content=upload.read())
        except DomainError as exc:
            form.add_error("file", str(exc))
            errors = exc.errors
        else:
            messages.success(request, _("Файл загружен."))
    status = 400 if errors or form.errors else 200
    return render(request, "organisations/import.html",
                  {"form": form, "errors": errors, "counts": counts}, status=status)
