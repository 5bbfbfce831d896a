from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tendik.core.errors import DomainError
from tendik.core.filters import active_filters, filter_list
from tendik.core.http import manager_required
from tendik.core.selectors import object_history
from tendik.core.views import render_history
from tendik.core.xlsx import check_upload_size
from tendik.organisations.selectors import organisations_visible_to

from . import services
from .filters import MeasureFilterSet, PlanFilterSet
from .forms import (
    CommentAnswerForm,
    CommentForm,
    MeasureForm,
    MeasureMoveForm,
    PlanForm,
    PlanImportForm,
    TitlesForm,
)
from .models import Comment, Measure
from .selectors import (
    measure_list,
    measure_prefetches,
    plan_comments,
    plan_diff,
    plan_overview,
    plan_versions,
    plans_visible_to,
    strategies_visible_to,
)
from .workflow import COMMENTABLE, EDITABLE, TRANSITIONS


def _plan_or_404(request, pk: int):
    try:
        return plans_visible_to(request.user).get(pk=pk)
    except plans_visible_to(request.user).model.DoesNotExist:
        raise Http404 from None


def plan_list_view(request):
    filterset, plans = filter_list(PlanFilterSet, request, plans_visible_to(request.user).order_by(
        "country__code", "-period_start", "-version"))
    return render(request, "plans/list.html", {
        "plans": plans, "form": filterset.form,
        "strategies": strategies_visible_to(request.user)})


def plan_detail_view(request, pk: int):
    plan = _plan_or_404(request, pk)
    filterset, measures = filter_list(MeasureFilterSet, request,
                                      measure_list(user=request.user).filter(plan=plan), plan=plan)
    filtered = bool(active_filters(filterset))
    areas = plan_overview(plan, measures if filtered else plan.measures.all())
    template = "plans/_tree.html" if request.htmx else "plans/detail.html"
    return render(request, template, {
        "plan": plan, "areas": areas, "form": filterset.form, "filtered": filtered,
        "transitions": sorted(TRANSITIONS.get(plan.status, ())),
        "comments": plan_comments(plan), "can_comment": plan.status in COMMENTABLE,
        "versions": plan_versions(plan), "comment_form": CommentForm(),
        "answer_form": CommentAnswerForm(), "editable": plan.status in EDITABLE,
        "titles_form": TitlesForm(),
    })


def measure_detail_view(request, pk: int):
    measure = get_object_or_404(
        Measure.objects.filter(plan__in=plans_visible_to(request.user))
        .select_related("plan", "objective__area", "lead_executor")
        .prefetch_related(*measure_prefetches(), "indicators__targets",
                          "indicators__dimensions"), pk=pk)
    return render(request, "plans/measure_detail.html", {
        "measure": measure, "plan": measure.plan,
        "comments": measure.comments.select_related("created_by", "updated_by"),
        "history": object_history(measure)[:10] if request.user.is_authenticated else [],
        "comment_form": CommentForm(), "answer_form": CommentAnswerForm(),
        "can_comment": measure.plan.status in COMMENTABLE,
        "editable": measure.plan.status in EDITABLE,
        "move_form": MeasureMoveForm(plan=measure.plan, initial={
            "objective": measure.objective_id, "position": measure.position}),
    })


def strategy_detail_view(request, pk: int):
    strategy = get_object_or_404(strategies_visible_to(request.user), pk=pk)
    items = strategy.items.order_by("code")
    return render(request, "plans/strategy_detail.html", {
        "strategy": strategy, "items": items,
        "plans": plans_visible_to(request.user).filter(strategy=strategy)})


@login_required
def plan_history_view(request, pk: int):
    plan = _plan_or_404(request, pk)
    return render_history(request, plan, reverse("plans:detail", args=[pk]))


@login_required
def measure_history_view(request, pk: int):
    measure = get_object_or_404(Measure.objects.filter(plan__in=plans_visible_to(request.user)),
                                pk=pk)
    return render_history(request, measure, reverse("plans:measure", args=[pk]))


def _redirect_back(request, default: str):
    target = request.POST.get("next", "")
    return redirect(target if target.startswith("/") and not target.startswith("//") else default)


@manager_required
@require_POST
def plan_transition_view(request, pk: int):
    plan = _plan_or_404(request, pk)
    try:
        services.plan_transition(actor=request.user, plan=plan, to=request.POST.get("to", ""),
                                 reason=request.POST.get("reason", ""))
        messages.success(request, _("Статус плана изменён."))
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect("plans:detail", pk)


@manager_required
@require_POST
def plan_new_version_view(request, pk: int):
    plan = _plan_or_404(request, pk)
    try:
        copy = services.plan_new_version(actor=request.user, plan=plan)
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("plans:detail", pk)
    messages.success(request, _("Создана новая версия плана."))
    return redirect("plans:detail", copy.pk)


def plan_diff_view(request, pk: int, other: int):
    old, new = _plan_or_404(request, pk), _plan_or_404(request, other)
    return render(request, "plans/diff.html", {"old": old, "new": new,
                                               "diff": plan_diff(old, new)})


@login_required
@require_POST
def comment_add_view(request, pk: int):
    plan = _plan_or_404(request, pk)
    form = CommentForm(request.POST)
    measure = None
    if request.POST.get("measure"):
        measure = get_object_or_404(Measure, pk=request.POST["measure"], plan=plan)
    if form.is_valid():
        try:
            services.comment_add(actor=request.user, plan=plan, measure=measure,
                                 text=form.cleaned_data["text"])
            messages.success(request, _("Замечание добавлено."))
        except DomainError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, _("Напишите замечание."))
    return _redirect_back(request, reverse("plans:detail", args=[pk]))


@manager_required
@require_POST
def comment_answer_view(request, pk: int):
    comment = get_object_or_404(Comment.objects.filter(plan__in=plans_visible_to(request.user)),
                                pk=pk)
    form = CommentAnswerForm(request.POST)
    if form.is_valid():
        try:
            services.comment_answer(actor=request.user, comment=comment, **form.cleaned_data)
            messages.success(request, _("Ответ сохранён."))
        except DomainError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, _("Выберите решение и напишите ответ."))
    return _redirect_back(request, reverse("plans:detail", args=[comment.plan_id]))


@manager_required
def plan_import_view(request):
    strategies = strategies_visible_to(request.user)
    form = PlanImportForm(request.POST or None, request.FILES or None, strategies=strategies)
    errors = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            check_upload_size(data["file"].size)
            plan = services.plan_import_matrix(
                actor=request.user, content=data["file"].read(), country=request.user.country,
                kind=data["kind"], title_ru=data["title"], strategy=data["strategy"],
                period_start=data["period_start"], period_end=data["period_end"])
        except DomainError as exc:
            form.add_error("file", str(exc))
            errors = exc.errors
        else:
            messages.success(request, _("План загружен."))
            return redirect("plans:detail", plan.pk)
    return render(request, "plans/import.html", {"form": form, "errors": errors},
                  status=400 if errors else 200)


def _organisations_for(request):
    return organisations_visible_to(request.user).order_by("name_ru")


@manager_required
def plan_create_view(request):
    form = PlanForm(request.POST or None, strategies=strategies_visible_to(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(actor=request.user, country=request.user.country,
                                        **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("План создан. Добавьте направления, задачи и мероприятия."))
            return redirect("plans:detail", plan.pk)
    return render(request, "plans/form.html", {"form": form, "title": _("Новый план")})


@manager_required
@require_POST
def area_add_view(request, pk: int):
    plan = _plan_or_404(request, pk)
    form = TitlesForm(request.POST)
    if form.is_valid():
        try:
            services.area_add(actor=request.user, plan=plan, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, _("Укажите название на русском языке."))
    return redirect("plans:detail", pk)


@manager_required
@require_POST
def objective_add_view(request, pk: int, area: int):
    plan = _plan_or_404(request, pk)
    area = get_object_or_404(plan.areas, pk=area)
    form = TitlesForm(request.POST)
    if form.is_valid():
        try:
            services.objective_add(actor=request.user, area=area, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, _("Укажите название на русском языке."))
    return redirect("plans:detail", pk)


def _measure_form_view(request, plan, objective, measure=None):
    initial = MeasureForm.initial_for(measure) if measure else {"deadline": "постоянно"}
    form = MeasureForm(request.POST or None, initial=initial, plan=plan,
                       organisations=_organisations_for(request))
    if request.method == "POST" and form.is_valid():
        try:
            if measure is None:
                measure = services.measure_create(actor=request.user, objective=objective,
                                                  **form.service_fields())
            else:
                services.measure_update(actor=request.user, measure=measure,
                                        reason=form.cleaned_data["reason"],
                                        **form.service_fields())
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Мероприятие сохранено."))
            return redirect("plans:measure", measure.pk)
    title = f"{measure.code}. {measure.title}" if measure else \
        _("Новое мероприятие в задаче %(code)s") % {"code": objective.code}
    return render(request, "plans/form.html", {"form": form, "title": title, "plan": plan})


@manager_required
def measure_create_view(request, pk: int, objective: int):
    plan = _plan_or_404(request, pk)
    return _measure_form_view(request, plan, get_object_or_404(plan.objectives, pk=objective))


@manager_required
def measure_edit_view(request, pk: int):
    measure = get_object_or_404(
        Measure.objects.filter(plan__in=plans_visible_to(request.user)).select_related("plan"),
        pk=pk)
    return _measure_form_view(request, measure.plan, measure.objective, measure)


@manager_required
@require_POST
def measure_move_view(request, pk: int):
    measure = get_object_or_404(
        Measure.objects.filter(plan__in=plans_visible_to(request.user)).select_related("plan"),
        pk=pk)
    form = MeasureMoveForm(request.POST, plan=measure.plan)
    if form.is_valid():
        try:
            services.measure_move(actor=request.user, measure=measure, **form.cleaned_data)
            messages.success(request, _("Мероприятие перемещено, коды обновлены."))
        except DomainError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, _("Выберите задачу и место."))
    return redirect("plans:measure", pk)
