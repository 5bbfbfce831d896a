"""What the meeting pages put in their forms: choices from the reader's scope, initial values,
the rows a form sends as the services take them, and the services' errors beside their fields."""

from django.db.models import Q
from django.utils import timezone

from tendik.core.errors import DomainError
from tendik.core.permissions import is_installation_admin
from tendik.organisations.selectors import organisations_visible_to, people_visible_to
from tendik.territories.models import Territory

from ..projects.selectors import projects_visible_to
from .capabilities import follow_up_capabilities
from .forms import (
    EngagementForm,
    FollowUpForm,
    FollowUpFormSet,
    FollowUpUpdateForm,
    ParticipantFormSet,
)
from .selectors import is_overdue
from .workflow import next_statuses

BLANK_PARTICIPANTS, BLANK_FOLLOW_UPS = 3, 2


def choices(user, country_id=None) -> dict:
    """Organisations, people and projects of the country (international ones too)."""
    country_id = country_id or user.country_id
    countries = Territory.objects.filter(level="country").order_by("code")
    if not is_installation_admin(user):
        countries = countries.filter(pk=user.country_id)
    people = people_visible_to(user).filter(
        Q(organisation__country_id=country_id) | Q(organisation__country__isnull=True)
    ).select_related("organisation").order_by("last_name", "first_name")
    return {
        "countries": [(c.code, str(c)) for c in countries],
        "organisations": organisation_choices(user, country_id),
        "people": [(p.pk, f"{p.full_name} ({p.organisation.name})") for p in people],
        "projects": [(p.pk, p.title) for p in projects_visible_to(user).filter(
            country_id=country_id).order_by("title_ru")]}


def organisation_choices(user, country_id) -> list[tuple[int, str]]:
    here = Q(country_id=country_id) | Q(country__isnull=True)
    return [(o.pk, o.name) for o in organisations_visible_to(user).filter(here).order_by("name_ru")]


def engagement_forms(data, options: dict, engagement=None) -> tuple:
    """(form, participants, follow_ups): bound to `data`, else filled from `engagement`."""
    initial, rows = {}, []
    if engagement is not None:
        initial = {"version": engagement.version, "country": engagement.country.code,
                   "kind": engagement.kind, "date": engagement.date, "place": engagement.place,
                   "title_ru": engagement.title_ru, "title_ky": engagement.title_ky,
                   "title_kk": engagement.title_kk, "title_en": engagement.title_en,
                   "summary": engagement.summary, "topics": engagement.topics,
                   "organisations": [o.pk for o in engagement.organisations.all()],
                   "projects": [p.pk for p in engagement.projects.all()]}
        rows = [{"name": p.name, "position": p.position, "organisation": p.organisation_id,
                 "person": p.person_id} for p in engagement.participants.all()]
    form = EngagementForm(data, initial=initial, countries=options["countries"],
                          organisations=options["organisations"], projects=options["projects"])
    if engagement is not None:  # a meeting stays in its country: its people and orgs are there
        form.fields["country"].disabled = True
    participants = ParticipantFormSet(
        data, prefix="participants", initial=rows + [{}] * BLANK_PARTICIPANTS,
        form_kwargs={"organisations": options["organisations"], "people": options["people"]})
    follow_ups = None
    if engagement is None:  # later agreements are added one by one on the meeting's page
        follow_ups = FollowUpFormSet(data, prefix="follow_ups", initial=[{}] * BLANK_FOLLOW_UPS,
                                     form_kwargs={"organisations": options["organisations"]})
    return form, participants, follow_ups


def _filled(formset) -> list[tuple[int, dict]]:
    """(row number on the page, values) of the rows that hold anything."""
    return [(index, form.cleaned_data) for index, form in enumerate(formset)
            if any(value not in (None, "") for value in form.cleaned_data.values())]


def engagement_data(form, participants, follow_ups) -> tuple[dict, dict]:
    """The services' arguments, and which page row each list position came from."""
    data = dict(form.cleaned_data)
    data.pop("version", None)
    data["topics"] = data["topics"].splitlines()
    data["organisations"] = [int(pk) for pk in data["organisations"]]
    data["projects"] = [int(pk) for pk in data["projects"]]
    rows = {"participants": _filled(participants)}
    data["participants"] = [{**row, "organisation": row["organisation"] or None,
                             "person": row["person"] or None}
                            for _index, row in rows["participants"]]
    if follow_ups is not None:
        rows["follow_ups"] = _filled(follow_ups)
        data["follow_ups"] = [{**row, "owner": row["owner"] or None}
                              for _index, row in rows["follow_ups"]]
    return data, {name: [index for index, _row in found] for name, found in rows.items()}


def attach(exc: DomainError, form, formsets: dict | None = None, rows: dict | None = None) -> None:
    """Each error beside the field it names («participants.2.name» → that row's name)."""
    for error in exc.errors or [{"message": str(exc)}]:
        field = error.get("field") or ""
        name, _dot, rest = field.partition(".")
        if formsets and formsets.get(name) is not None and rest:
            position, _dot, column = rest.partition(".")
            index = rows[name][int(position)]
            target = formsets[name].forms[index]
            target.add_error(column if column in target.fields else None, error["message"])
        else:
            form.add_error(name if name in form.fields else None, error["message"])


def follow_up_rows(user, engagement, bound: dict | None = None) -> list[dict]:
    """Each agreement with its overdue flag and, for those the user may update, its form."""
    today, rows = timezone.localdate(), []
    for follow_up in engagement.follow_ups.all():
        capabilities = follow_up_capabilities(user, follow_up)
        form = None
        if capabilities.update:
            form = (bound or {}).get(follow_up.pk) or FollowUpUpdateForm(
                prefix=f"fu{follow_up.pk}", initial={
                    "version": follow_up.version, "status": follow_up.status,
                    "note": follow_up.note, "due_date": follow_up.due_date},
                statuses=next_statuses(follow_up.status), reschedule=capabilities.reschedule)
        rows.append({"follow_up": follow_up, "overdue": is_overdue(follow_up, today),
                     "form": form})
    return rows


def follow_up_update_form(user, follow_up, data) -> FollowUpUpdateForm:
    capabilities = follow_up_capabilities(user, follow_up)
    return FollowUpUpdateForm(data, prefix=f"fu{follow_up.pk}",
                              statuses=next_statuses(follow_up.status),
                              reschedule=capabilities.reschedule)


def follow_up_add_form(user, engagement, data=None) -> FollowUpForm:
    return FollowUpForm(data, prefix="new",
                        organisations=organisation_choices(user, engagement.country_id))
