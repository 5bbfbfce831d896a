"""The demo tells a coherent story as of the day it is loaded, and loading it twice changes nothing.

Loading takes most of a minute, so one load serves every test of the module.
"""

import datetime

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from tendik.core.models import AuditEntry
from tendik.demo.loader import demo_load
from tendik.demo.reporting import late_reports
from tendik.plans.models import Comment, Indicator, Plan
from tendik.reporting.models import Evidence, Observation, Report, ReportingPeriod
from tendik.territories.models import Territory


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    """Load twice inside one transaction that is rolled back after the module's tests."""
    media = tmp_path_factory.mktemp("private")
    media_settings = override_settings(MEDIA_ROOT=media, PRIVATE_MEDIA_ROOT=media)
    with django_db_blocker.unblock(), media_settings, transaction.atomic():
        today = timezone.localdate()
        result = demo_load(today=today)
        audit_rows = AuditEntry.objects.count()
        again = demo_load(today=today)
        yield {"today": today, "first": result, "again": again, "audit_rows": audit_rows,
               "audit_after": AuditEntry.objects.count()}
        transaction.set_rollback(True)


pytestmark = pytest.mark.django_db


def test_the_real_kyrgyz_tree_is_loaded(loaded):
    kg = Territory.objects.filter(country_code="KG")
    assert kg.filter(level="region").count() == 9
    assert kg.filter(level="district").count() == 53
    assert kg.filter(level="municipality").count() == 460
    assert Territory.objects.get(code="KG08000000000").name_ru == "Чуйская область"


def test_plans_are_in_the_states_of_the_story(loaded):
    states = {(p.country.code, p.kind, p.status) for p in Plan.objects.select_related("country")}
    assert states == {("KG", "nap", "closed"), ("KG", "nap", "in_force"),
                      ("KG", "roadmap", "closed"), ("KG", "roadmap", "consultation"),
                      ("KZ", "programme", "in_force")}
    consultation = Plan.objects.get(status="consultation")
    assert consultation.period_start.year > loaded["today"].year
    assert Comment.objects.filter(plan=consultation, status="open").exists()
    in_force = Plan.objects.get(country__code="KG", status="in_force")
    assert in_force.period_start <= loaded["today"] <= in_force.period_end


def test_every_period_of_the_closed_nap_is_accepted(loaded):
    nap = Plan.objects.get(kind="nap", status="closed")
    periods = ReportingPeriod.objects.filter(plan=nap)
    assert periods.count() == nap.period_end.year - nap.period_start.year + 1
    assert not periods.exclude(state="closed").exists()
    assert not Report.objects.filter(period__in=periods).exclude(state="accepted").exists()


def test_the_current_half_year_is_open_and_due_ahead(loaded):
    today = loaded["today"]
    current = ReportingPeriod.objects.filter(state="open", start__lte=today, end__gte=today)
    assert current.count() == 2  # the KG NAP and the KZ plan
    assert all(period.due_date > today for period in current)
    states = set(Report.objects.filter(period__in=current).values_list("state", flat=True))
    assert states == {"draft", "submitted", "returned", "resubmitted", "accepted"}


def test_few_reports_are_late_and_they_are_named(loaded):
    late = late_reports(loaded["today"])
    assert 0 < late.count() <= 3
    assert len(loaded["first"]["late"]) == late.count()
    assert all(report.organisation.name_ru in " ".join(loaded["first"]["late"])
               for report in late)


def test_accepted_reports_were_submitted_by_their_due_date(loaded):
    accepted = Report.objects.filter(state="accepted", period__end__lt=loaded["today"])
    assert accepted.exists()
    for report in accepted.select_related("period"):
        assert report.submitted_at.date() <= report.period.due_date


def test_every_indicator_of_an_accepted_period_has_a_value(loaded):
    reports = Report.objects.filter(period__state="closed")
    assert reports.count() > 50
    for report in reports:
        indicators = set(Indicator.objects.filter(measures__progress__report=report)
                         .values_list("pk", flat=True))
        totals = set(Observation.objects.filter(report=report, disaggregation="")
                     .values_list("indicator_id", flat=True))
        assert indicators <= totals, report


def test_narratives_vary_and_evidence_is_attached(loaded):
    narratives = set(Report.objects.filter(period__state="closed").values_list(
        "progress__narrative_ru", flat=True))
    assert len(narratives) > 100
    assert Evidence.objects.filter(content_type__endswith="document").count() > 50
    assert Evidence.objects.filter(content_type="application/pdf").exists()
    assert not Report.objects.filter(period__state="closed", evidence__isnull=True).exists()


def test_kazakhstan_has_a_complete_cycle(loaded):
    periods = ReportingPeriod.objects.filter(plan__country__code="KZ")
    assert periods.filter(state="closed").exists()
    assert periods.filter(state="open").exists()
    assert Report.objects.filter(period__plan__country__code="KZ", state="accepted").exists()


def test_a_second_load_changes_nothing(loaded):
    assert loaded["again"]["periods"] == 0
    assert loaded["again"]["plans"] == 0
    assert loaded["audit_after"] == loaded["audit_rows"]


def test_the_story_moves_with_the_year_it_is_loaded_in():
    from tendik.demo.timeline import Timeline

    timeline = Timeline(datetime.date(2029, 3, 10))
    assert timeline.text("НПД на 2025–2027 годы") == "НПД на 2028–2030 годы"
    assert timeline.previous_half() == (datetime.date(2028, 7, 1), datetime.date(2028, 12, 31))
    start, end = timeline.current_half()
    assert timeline.due(end) > timeline.today
    assert timeline.due(timeline.previous_half()[1]) < timeline.today


def test_documents_are_read_and_one_event_is_already_an_activity(loaded):
    from tendik.documents.models import Document, FactKind

    documents = Document.objects.all()
    assert documents.count() == 4 and all(d.state == "done" and d.job.status == "done"
                                          for d in documents)
    assert documents.filter(supported=False, language="kk").count() == 1
    accepted = documents.get(title__contains="Оше").facts.get(kind=FactKind.EVENT, status="accepted")
    assert accepted.activity.report.organisation == accepted.document.organisation
