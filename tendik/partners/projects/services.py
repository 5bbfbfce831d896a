"""Writes of projects and their disbursements. Every change is audited; a project's edits carry
the version they were read at, and a save that changes nothing writes nothing."""

from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from tendik.core.audit import AuditAction, audit_log, creation_changes, diff, snapshot
from tendik.core.errors import DomainError
from tendik.core.permissions import Role, has_role, is_installation_admin
from tendik.core.services import model_create, model_delete
from tendik.reporting.services.common import as_int
from tendik.territories.models import Level, Territory

from ..models import Disbursement, Project, ProjectBudgetLine, ProjectPartner, ProjectStatus
from . import inputs
from .inputs import Problems
from .selectors import may_create_projects, project_writable, projects_visible_to
from .workflow import PROJECT_TRANSITIONS

LINKS = ("territories", "measures", "frameworks")


def _forbidden() -> DomainError:
    return DomainError(_("Недостаточно прав"), code="forbidden")


def _not_found() -> DomainError:
    return DomainError(_("Проект не найден."), code="not_found")


def _country(problems: Problems, actor, value):
    """The project's country: any for admins, else the actor's own (another is a 404)."""
    code = getattr(value, "code", value)
    country = Territory.objects.filter(level=Level.COUNTRY, code=code).first() if isinstance(
        code, str) else None
    if country is None or not (is_installation_admin(actor) or country.pk == actor.country_id):
        problems.add("country", _("Страна не найдена."), code="not_found")
        return None
    return country


def _check_partner_actor(actor, country, partners: list[tuple]) -> None:
    """A partner who is not the country's manager writes only projects its organisation is in."""
    manager = is_installation_admin(actor) or (
        has_role(actor, Role.COORDINATOR) and country.pk == actor.country_id)
    if not manager and actor.organisation_id not in {org.pk for org, _role in partners}:
        raise DomainError(_("Укажите свою организацию среди партнёров проекта."),
                          code="forbidden", errors=[{"field": "partners", "message": _(
                              "Укажите свою организацию среди партнёров проекта.")}])


@transaction.atomic
def project_create(*, actor, country, title_ru: str, title_ky: str = "", title_kk: str = "",
                   title_en: str = "", code: str = "", summary: str = "", period_start,
                   period_end, status: str = ProjectStatus.ACTIVE, partners: list[dict],
                   budget: list[dict], territories=(), measures=(), frameworks=(),
                   is_demo: bool = False) -> Project:
    """A new project with its partners, budget and thematic links, in one audited row.

    The country is a code or a Territory; organisations, measures and frameworks ids or rows;
    territories codes or rows; amounts Decimals, numbers or their text."""
    if not may_create_projects(actor):
        raise _forbidden()
    problems = Problems()
    country = _country(problems, actor, country)
    problems.check()
    texts = inputs.clean_texts(problems, {
        "title_ru": title_ru, "title_ky": title_ky, "title_kk": title_kk, "title_en": title_en,
        "code": code, "summary": summary})
    period = inputs.clean_period(problems, period_start, period_end)
    if status not in ProjectStatus.values:
        problems.add("status", _("Выберите статус из списка."))
    cleaned_partners = inputs.clean_partners(problems, actor, country, partners)
    lines = inputs.clean_budget(problems, actor, country, budget, period)
    links = inputs.clean_links(problems, country, {
        "territories": territories, "measures": measures, "frameworks": frameworks})
    problems.check()
    _check_partner_actor(actor, country, cleaned_partners)
    project = Project(country=country, period_start=period[0], period_end=period[1],
                      status=status, is_demo=is_demo, created_by=actor, updated_by=actor, **texts)
    project.save()
    changes = creation_changes(project)
    changes.update(_replace_partners(project, cleaned_partners, before=[]))
    changes.update(_replace_budget(project, lines, before=[]))
    changes.update(_replace_links(project, links))
    audit_log(actor=actor, instance=project, action=AuditAction.CREATE, changes=changes)
    return project


def _locked(actor, project) -> Project:
    """The project row locked for this write, if the actor may change it: 404 out of scope."""
    found = projects_visible_to(actor).select_for_update(of=("self",)).filter(
        pk=inputs.pk_of(project)).first()
    if found is None:
        raise _not_found()
    if not project_writable(actor, found):
        raise _forbidden()
    return found


def _check_version(project: Project, version) -> None:
    if as_int(version) != project.version:
        raise DomainError(_("Проект уже изменил другой пользователь: обновите страницу."),
                          code="conflict")


@transaction.atomic
def project_update(*, actor, project, version, data: dict) -> Project:
    """Change the fields given in `data`; `partners` and `budget`, when given, replace the whole
    lists. The audit row holds the difference of those lists too."""
    project = _locked(actor, project)
    _check_version(project, version)
    problems = Problems()
    if "country" in data and inputs.pk_of(data["country"]) != project.country_id and getattr(
            data["country"], "code", data["country"]) != project.country.code:
        problems.add("country", _("Страну проекта изменить нельзя."))
    fields = {**inputs.clean_texts(problems, data)}
    period = inputs.clean_period(problems, data.get("period_start", project.period_start),
                                 data.get("period_end", project.period_end))
    fields.update({name: value for name, value in zip(("period_start", "period_end"), period,
                                                       strict=True) if name in data})
    if "status" in data:
        fields["status"] = _status_move(problems, project.status, data["status"])
    partners = (inputs.clean_partners(problems, actor, project.country, data["partners"])
                if "partners" in data else None)
    lines = inputs.clean_budget(problems, actor, project.country, data["budget"], period) \
        if "budget" in data else None
    links = inputs.clean_links(problems, project.country, data)
    problems.check()
    if partners is not None:
        _check_partner_actor(actor, project.country, partners)
    if lines is None:
        _check_budget_years(project, period)
    return _save(actor, project, fields, partners, lines, links)


def _status_move(problems: Problems, current: str, to) -> str:
    if to == current:
        return to
    if to not in ProjectStatus.values:
        problems.add("status", _("Выберите статус из списка."))
    elif to not in PROJECT_TRANSITIONS[current]:
        raise _illegal(current, to)
    return to


def _illegal(current: str, to: str) -> DomainError:
    return DomainError(_("Проект в статусе «%(from)s» нельзя перевести в «%(to)s».") % {
        "from": ProjectStatus(current).label, "to": ProjectStatus(to).label}, code="conflict")


def _check_budget_years(project: Project, period: tuple) -> None:
    """A shorter period must still hold every budget year that stays."""
    start, end = period
    outside = sorted({line.year for line in project.budget.all()
                      if not start.year <= line.year <= end.year})
    if outside:
        message = _("В бюджете есть годы вне нового срока: %(years)s.") % {
            "years": ", ".join(map(str, outside))}
        raise DomainError(message, errors=[{"field": "period_end", "message": message}])


def _save(actor, project: Project, fields: dict, partners, lines, links) -> Project:
    before = snapshot(project, list(fields))
    for name, value in fields.items():
        setattr(project, name, value)
    changes = diff(before, snapshot(project, list(fields)))
    if partners is not None:
        changes.update(_replace_partners(project, partners, before=_partner_keys(project)))
    if lines is not None:
        changes.update(_replace_budget(project, lines, before=_budget_keys(project)))
    changes.update(_replace_links(project, links))
    if not changes:
        return project
    changes["version"] = {"old": project.version, "new": project.version + 1}
    project.version += 1
    project.updated_by = actor
    project.save()
    audit_log(actor=actor, instance=project, action=AuditAction.UPDATE, changes=changes)
    return project


def _partner_keys(project: Project) -> list:
    return sorted((p.organisation_id, p.role) for p in project.partners.all())


def _replace_partners(project: Project, partners: list[tuple], *, before: list) -> dict:
    after = sorted((organisation.pk, role) for organisation, role in partners)
    if after == before:
        return {}
    project.partners.all().delete()
    ProjectPartner.objects.bulk_create(
        ProjectPartner(project=project, organisation=organisation, role=role)
        for organisation, role in partners)
    labels = {org.pk: org.name for org, _role in partners}
    return {"partners": {"old": [_partner_label(key, labels) for key in before],
                         "new": [_partner_label(key, labels) for key in after]}}


def _partner_label(key: tuple, labels: dict) -> str:
    organisation, role = key
    return f"{labels.get(organisation, organisation)} ({role})"


def _budget_keys(project: Project) -> list:
    return sorted(_line_key(line.year, line.amount, line.currency, line.source, line.funder_id,
                            line.measure_id) for line in project.budget.all())


def _line_key(year, amount, currency, source, funder, measure) -> str:
    """One budget line as the audit shows it: «2024 donor 100000.00 USD funder=3 measure=7»."""
    extra = "".join(f" {name}={value}" for name, value in (("funder", funder),
                                                           ("measure", measure)) if value)
    return f"{year} {source} {amount:.2f} {currency}{extra}"


def _replace_budget(project: Project, lines: list[dict], *, before: list) -> dict:
    after = sorted(_line_key(line["year"], line["amount"], line["currency"], line["source"],
                             inputs.pk_of(line["funder"]), inputs.pk_of(line["measure"]))
                   for line in lines)
    if after == before:
        return {}
    project.budget.all().delete()
    ProjectBudgetLine.objects.bulk_create(ProjectBudgetLine(project=project, **line)
                                          for line in lines)
    return {"budget": {"old": before, "new": after}}


def _replace_links(project: Project, links: dict) -> dict:
    changes = {}
    for name in LINKS:
        if name not in links:
            continue
        relation = getattr(project, name)
        old = sorted(item.pk for item in relation.all()) if project.pk else []
        new = sorted(item.pk for item in links[name])
        if old != new:
            relation.set(links[name])
            changes[name] = {"old": old, "new": new}
    return changes


@transaction.atomic
def project_transition(*, actor, project, to: str) -> Project:
    """Move the project along PROJECT_TRANSITIONS; any other move is a 409."""
    project = _locked(actor, project)
    if to not in ProjectStatus.values:
        raise DomainError(_("Выберите статус из списка."), errors=[{
            "field": "to", "message": _("Выберите статус из списка.")}])
    if to not in PROJECT_TRANSITIONS[project.status]:
        raise _illegal(project.status, to)
    return _save(actor, project, {"status": to}, None, None, {})


@transaction.atomic
def disbursement_add(*, actor, project, date, amount, currency: str, funder=None,
                     note: str = "") -> tuple[Disbursement, list[str]]:
    """Record money paid out. Beyond the budget in that currency it is saved all the same, with
    a warning: the budget may be out of date, the payment is a fact."""
    project = _locked(actor, project)
    problems = Problems()
    date = inputs.clean_date(problems, "date", date)
    if date and not project.period_start <= date <= project.period_end:
        problems.add("date", _("Дата вне срока проекта (%(start)s — %(end)s).") % {
            "start": f"{project.period_start:%d.%m.%Y}", "end": f"{project.period_end:%d.%m.%Y}"})
    amount = inputs.clean_amount(problems, "amount", amount, positive=True)
    currency = inputs.clean_currency(problems, "currency", currency)
    if funder not in (None, ""):
        funder = inputs.organisation_in(problems, actor, project.country, "funder", funder)
    if not isinstance(note, str) or len(note) > 500:
        problems.add("note", _("Не длиннее %(max)s символов.") % {"max": 500})
    problems.check()
    row = model_create(instance=Disbursement(project=project, date=date, amount=amount,
                                             currency=currency, funder=funder or None,
                                             note=note.strip()), actor=actor)
    return row, _budget_warnings(project, currency)


def _budget_warnings(project: Project, currency: str) -> list[str]:
    planned = sum((line.amount for line in project.budget.filter(currency=currency)), start=0)
    paid = sum((row.amount for row in project.disbursements.filter(currency=currency)), start=0)
    if paid <= planned:
        return []
    if not planned:
        return [_("В бюджете проекта нет средств в валюте %(currency)s: выплата сверх бюджета.")
                % {"currency": currency}]
    return [_("Выплачено %(paid)s %(currency)s при бюджете %(planned)s %(currency)s: сверх "
              "бюджета на %(over)s %(currency)s.") % {
        "paid": _money(paid), "planned": _money(planned), "over": _money(paid - planned),
        "currency": currency}]


def _money(amount) -> str:
    return number_format(amount, 2, force_grouping=True)


@transaction.atomic
def disbursement_delete(*, actor, project, disbursement) -> None:
    """Remove a disbursement recorded by mistake (the audit row keeps what it was)."""
    row = Disbursement.objects.filter(
        pk=inputs.pk_of(disbursement), project_id=inputs.pk_of(project),
        project__in=projects_visible_to(actor)).first()
    if row is None:
        raise DomainError(_("Выплата не найдена."), code="not_found")
    _locked(actor, row.project_id)
    model_delete(instance=row, actor=actor)


