"""Every route against every role. A new route without a row here fails `test_every_route_is_covered`."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tendik.core.services import job_create
from tendik.organisations.models import OrganisationName
from tendik.plans import services
from tendik.plans.tests.factories import build_plan
from tendik.reporting import services as reporting_services
from tendik.reporting.tests.factories import open_period
from tendik.testing.factories import PersonFactory, UserFactory
from tendik.testing.matrix import OTHER_COUNTRY, assert_matrix, expect

pytestmark = pytest.mark.django_db

M = {"admin": 200, "coordinator": 200}  # managers
LOGIN = 302  # the anonymous are sent to the login page
API_ANON = {401, 403}


def _objects(world):
    person = PersonFactory(organisation=world.other_kg_org)
    account = UserFactory(organisation=world.other_kg_org, roles=["focal_point"])
    other = OrganisationName.objects.create(organisation=world.home_org, kind="former",
                                            acronym="МТСР")
    job = job_create(kind="territory_import", actor=world.users["coordinator"])
    territory = world.kg
    _rplan, period, _report, _indicator, _other = open_period(world)
    other_report = period.reports.get(organisation=world.other_kg_org)
    activity = reporting_services.activity_create(actor=None, report=other_report, data={
        "kind": "training", "title": "Тренинг", "start": "2023-04-04", "end": "2023-04-04"})
    evidence = reporting_services.evidence_add(actor=None, report=other_report,
                                               url="https://example.org/protocol")
    plan, strategy = build_plan(world, measures_per_objective=1)
    services.plan_transition(actor=None, plan=plan, to="consultation")
    comment = services.comment_add(actor=world.users["observer"], plan=plan, text="Замечание")
    measure = plan.measures.first()
    return {"org": world.home_org.pk, "person": person.pk, "user": account.pk,
            "name": other.pk, "job": job.pk, "territory": territory.pk, "plan": plan.pk,
            "strategy": strategy.pk, "measure": measure.pk, "comment": comment.pk,
            "indicator": measure.indicators.first().pk,
            "framework": measure.frameworks.first().pk, "area": measure.objective.area_id,
            "objective": measure.objective_id, "period": period.pk,
            "report": other_report.pk, "activity": activity["id"], "evidence": evidence.pk,
            "progress_measure": other_report.progress.first().measure_id}


# (route name, kwargs keys, method, expectation builder)
PAGES = [
    ("home", {}, "get", lambda: expect(200, anonymous=LOGIN)),
    ("login", {}, "get", lambda: expect(302, anonymous=200)),
    ("two_factor", {}, "get", lambda: expect(403, anonymous=LOGIN, **M, coordinator_kz=200)),
    ("audit", {}, "get", lambda: expect(403, anonymous=LOGIN, **M, coordinator_kz=200)),
    ("job", {"pk": "job"}, "get", lambda: expect(404, anonymous=LOGIN, coordinator=200, admin=200)),
    ("territories:list", {}, "get", lambda: expect(200)),
    ("territories:detail", {"pk": "territory"}, "get", lambda: expect(200)),
    ("territories:history", {"pk": "territory"}, "get", lambda: expect(200)),
    ("territories:import", {}, "get",
     lambda: expect(403, anonymous=LOGIN, **M, coordinator_kz=200)),
    ("organisations:list", {}, "get", lambda: expect(200, anonymous=LOGIN)),
    ("organisations:export", {}, "get", lambda: expect(200, anonymous=LOGIN)),
    ("organisations:import", {}, "get",
     lambda: expect(403, anonymous=LOGIN, **M, coordinator_kz=200)),
    ("organisations:create", {}, "get",
     lambda: expect(403, anonymous=LOGIN, **M, coordinator_kz=200)),
    ("organisations:detail", {"pk": "org"}, "get",
     lambda: expect(200, anonymous=LOGIN, coordinator_kz=404)),
    ("organisations:history", {"pk": "org"}, "get",
     lambda: expect(200, anonymous=LOGIN, coordinator_kz=404)),
    ("organisations:edit", {"pk": "org"}, "get",
     lambda: expect(403, anonymous=LOGIN, **M, coordinator_kz=404)),
    ("organisations:name_add", {"pk": "org"}, "post",
     lambda: expect(403, anonymous=LOGIN, admin=302, coordinator=302, coordinator_kz=404)),
    # The first manager removes the name; the second then finds nothing to remove.
    ("organisations:name_remove", {"pk": "org", "name_pk": "name"}, "post",
     lambda: expect(403, anonymous=LOGIN, admin=302, coordinator=404, coordinator_kz=404)),
    ("organisations:people", {}, "get", lambda: expect(200, anonymous=LOGIN)),
    ("organisations:person_create", {}, "get",
     lambda: expect(403, anonymous=LOGIN, **M, coordinator_kz=200)),
    ("organisations:person", {"pk": "person"}, "get",
     lambda: expect(404, anonymous=LOGIN, **M)),
    ("organisations:person_history", {"pk": "person"}, "get",
     lambda: expect(404, anonymous=LOGIN, **M)),
    ("organisations:person_edit", {"pk": "person"}, "get",
     lambda: expect(403, anonymous=LOGIN, **M, coordinator_kz=404)),
    ("organisations:users", {}, "get",
     lambda: expect(403, anonymous=LOGIN, **M, coordinator_kz=200)),
    ("organisations:user_create", {}, "get",
     lambda: expect(403, anonymous=LOGIN, **M, coordinator_kz=200)),
    ("organisations:user_edit", {"pk": "user"}, "get",
     lambda: expect(403, anonymous=LOGIN, **M, coordinator_kz=404)),
    ("organisations:user_history", {"pk": "user"}, "get",
     lambda: expect(403, anonymous=LOGIN, **M, coordinator_kz=404)),
    # API
    ("territory-list", {}, "get", lambda: expect(200)),
    ("territory-detail", {"pk": "territory"}, "get", lambda: expect(200)),
    ("organisation-list", {}, "get", lambda: expect(200, anonymous=API_ANON)),
    ("organisation-detail", {"pk": "org"}, "get",
     lambda: expect(200, anonymous=API_ANON, coordinator_kz=404)),
    ("person-list", {}, "get", lambda: expect(200, anonymous=API_ANON)),
    ("person-detail", {"pk": "person"}, "get",
     lambda: expect(404, anonymous=API_ANON, **M)),
    ("user-list", {}, "get", lambda: expect(403, anonymous=API_ANON, **M, coordinator_kz=200)),
    ("user-detail", {"pk": "user"}, "get",
     lambda: expect(403, anonymous=API_ANON, **M, coordinator_kz=404)),
    ("audit-list", {}, "get", lambda: expect(403, anonymous=API_ANON, **M, coordinator_kz=200)),
    # Plans: a KG plan in consultation is not public, so the anonymous and KZ get 404.
    ("plans:list", {}, "get", lambda: expect(200)),
    ("plans:import", {}, "get", lambda: expect(403, anonymous=LOGIN, **M, coordinator_kz=200)),
    ("plans:detail", {"pk": "plan"}, "get", lambda: expect(200, anonymous=404, coordinator_kz=404)),
    ("plans:history", {"pk": "plan"}, "get",
     lambda: expect(200, anonymous=LOGIN, coordinator_kz=404)),
    ("plans:diff", {"pk": "plan", "other": "plan"}, "get",
     lambda: expect(200, anonymous=404, coordinator_kz=404)),
    ("plans:measure", {"pk": "measure"}, "get",
     lambda: expect(200, anonymous=404, coordinator_kz=404)),
    ("plans:measure_history", {"pk": "measure"}, "get",
     lambda: expect(200, anonymous=LOGIN, coordinator_kz=404)),
    ("plans:strategy", {"pk": "strategy"}, "get",
     lambda: expect(200, anonymous=404, coordinator_kz=404)),
    ("plans:transition", {"pk": "plan"}, "post",
     lambda: expect(403, anonymous=LOGIN, admin=302, coordinator=302, coordinator_kz=404)),
    ("plans:new_version", {"pk": "plan"}, "post",
     lambda: expect(403, anonymous=LOGIN, admin=302, coordinator=302, coordinator_kz=404)),
    ("plans:comment_add", {"pk": "plan"}, "post",
     lambda: expect(302, anonymous=LOGIN, coordinator_kz=404)),
    ("plans:comment_answer", {"pk": "comment"}, "post",
     lambda: expect(403, anonymous=LOGIN, admin=302, coordinator=302, coordinator_kz=404)),
    ("plans:create", {}, "get", lambda: expect(403, anonymous=LOGIN, **M, coordinator_kz=200)),
    ("plans:area_add", {"pk": "plan"}, "post",
     lambda: expect(403, anonymous=LOGIN, admin=302, coordinator=302, coordinator_kz=404)),
    ("plans:objective_add", {"pk": "plan", "area": "area"}, "post",
     lambda: expect(403, anonymous=LOGIN, admin=302, coordinator=302, coordinator_kz=404)),
    ("plans:measure_create", {"pk": "plan", "objective": "objective"}, "get",
     lambda: expect(403, anonymous=LOGIN, **M, coordinator_kz=404)),
    ("plans:measure_edit", {"pk": "measure"}, "get",
     lambda: expect(403, anonymous=LOGIN, **M, coordinator_kz=404)),
    ("plans:measure_move", {"pk": "measure"}, "post",
     lambda: expect(403, anonymous=LOGIN, admin=302, coordinator=302, coordinator_kz=404)),
    ("strategy-list", {}, "get", lambda: expect(200)),
    ("strategy-detail", {"pk": "strategy"}, "get",
     lambda: expect(200, anonymous=404, coordinator_kz=404)),
    ("plan-list", {}, "get", lambda: expect(200)),
    ("plan-detail", {"pk": "plan"}, "get", lambda: expect(200, anonymous=404, coordinator_kz=404)),
    ("plan-matrix-xlsx", {"pk": "plan"}, "get",
     lambda: expect(200, anonymous=404, coordinator_kz=404)),
    ("plan-matrix-docx", {"pk": "plan"}, "get",
     lambda: expect(200, anonymous=404, coordinator_kz=404)),
    ("plan-comments", {"pk": "plan"}, "get",
     lambda: expect(200, anonymous=404, coordinator_kz=404)),
    ("plan-transition", {"pk": "plan"}, "post",
     lambda: expect(403, anonymous=API_ANON, admin=200, coordinator=409, coordinator_kz=404)),
    ("plan-new-version", {"pk": "plan"}, "post",
     lambda: expect(403, anonymous=API_ANON, admin=201, coordinator=201, coordinator_kz=404)),
    ("comment-answer", {"pk": "comment"}, "post",
     lambda: expect(403, anonymous=API_ANON, admin=200, coordinator=200, coordinator_kz=404)),
    ("measure-list", {}, "get", lambda: expect(200)),
    ("measure-detail", {"pk": "measure"}, "get",
     lambda: expect(200, anonymous=404, coordinator_kz=404)),
    ("indicator-list", {}, "get", lambda: expect(200)),
    # The indicator also serves the approved plan of the reporting objects, so it is public.
    ("indicator-detail", {"pk": "indicator"}, "get",
     lambda: expect(200, coordinator_kz=404)),
    ("framework-list", {}, "get", lambda: expect(200)),
    ("framework-detail", {"pk": "framework"}, "get", lambda: expect(200)),
    # Reporting: the report belongs to another KG organisation than the test users'.
    ("period-list", {}, "get", lambda: expect(200, anonymous=API_ANON)),
    ("period-detail", {"pk": "period"}, "get",
     lambda: expect(200, anonymous=API_ANON, coordinator_kz=404)),
    ("period-close", {"pk": "period"}, "post",
     lambda: expect(403, anonymous=API_ANON, admin=200, coordinator=409, coordinator_kz=404)),
    ("report-list", {}, "get", lambda: expect(200, anonymous=API_ANON)),
    ("report-detail", {"pk": "report"}, "get",
     lambda: expect(404, anonymous=API_ANON, admin=200, coordinator=200, observer=200)),
    ("report-accept", {"pk": "report"}, "post",
     lambda: expect(404, anonymous=API_ANON, admin=409, coordinator=409, observer=403)),
    ("report-submit", {"pk": "report"}, "post",
     lambda: expect(404, anonymous=API_ANON, admin=403, coordinator=403, observer=403)),
    ("reporting:mine", {}, "get", lambda: expect(200, anonymous=LOGIN)),
    ("reporting:template", {"pk": "report"}, "get",
     lambda: expect(404, anonymous=LOGIN, admin=200, coordinator=200, observer=200)),
    ("reporting:periods", {}, "get",
     lambda: expect(403, anonymous=LOGIN, **M, coordinator_kz=200)),
    ("reporting:dashboard", {"pk": "period"}, "get",
     lambda: expect(403, anonymous=LOGIN, **M, coordinator_kz=404)),
    ("reporting:period_transition", {"pk": "period"}, "post",
     lambda: expect(403, anonymous=LOGIN, admin=302, coordinator=302, coordinator_kz=404)),
    ("reporting:report", {"pk": "report"}, "get",
     lambda: expect(404, anonymous=LOGIN, admin=200, coordinator=200, observer=200)),
    ("reporting:remind", {"pk": "report"}, "post",
     lambda: expect(403, anonymous=LOGIN, admin=302, coordinator=302, coordinator_kz=404)),
    ("reporting:act", {"pk": "report"}, "post",
     lambda: expect(404, anonymous=LOGIN, admin=302, coordinator=302, observer=302)),
    # Writes to a report: only its own reporters; readers who are not get 403, others 404.
    *[(name, kwargs, method, lambda: expect(404, anonymous=LOGIN, admin=403, coordinator=403,
                                            observer=403))
      for name, kwargs, methods in [
          ("reporting:observations", {"pk": "report"}, ("get", "post")),
          ("reporting:progress", {"pk": "report", "measure_id": "progress_measure"},
           ("get", "post")),
          ("reporting:activity_add", {"pk": "report"}, ("get", "post")),
          ("reporting:activity_edit", {"pk": "report", "activity_id": "activity"},
           ("get", "post")),
          ("reporting:activity_delete", {"pk": "report", "activity_id": "activity"},
           ("post",)),
          ("reporting:evidence_add", {"pk": "report"}, ("get", "post")),
          ("reporting:evidence_edit", {"pk": "report", "evidence_id": "evidence"},
           ("get", "post")),
          ("reporting:submit", {"pk": "report"}, ("get", "post")),
      ] for method in methods],
    ("reporting:accept", {"pk": "report"}, "get",
     lambda: expect(404, anonymous=LOGIN, admin=200, coordinator=200, observer=403)),
    ("reporting:accept", {"pk": "report"}, "post",
     lambda: expect(404, anonymous=LOGIN, admin=400, coordinator=400, observer=403)),
    ("schema", {}, "get", lambda: expect(200)),
    ("swagger-ui", {}, "get", lambda: expect(200)),
]
BODIES = {
    "organisations:name_add": {"kind": "acronym", "acronym": "ТЕСТ"},
    "plans:transition": {"to": "draft"},
    "plans:comment_add": {"text": "Учтите сельских женщин"},
    "plans:comment_answer": {"status": "accepted", "reply": "Учтено"},
    "plans:area_add": {"title_ru": "Новое направление"},
    "plans:objective_add": {"title_ru": "Новая задача"},
    "plans:measure_move": {"position": 1},
    "reporting:period_transition": {"to": "closed"},
    "reporting:act": {"action": "accept"},
    "reporting:observations": {"version": "1"},
    "reporting:activity_delete": {"version": "1"},
    "plan-transition": {"to": "draft"},
    "comment-answer": {"status": "accepted", "reply": "Учтено"},
}
# Routes whose rules are proven by their own tests (writes with bodies, login flows).
COVERED_ELSEWHERE = {
    "logout", "set_language", "api-token", "api-root", "audit-detail",
    "organisation-list:post", "organisation-detail:patch", "plan-import-matrix",
    # reporting writes: tendik/reporting/tests/test_api.py, incl. another organisation's 404s
    "period-open", "period-lock", "report-progress", "report-observations", "report-activities",
    "report-return", "report-reopen", "report-evidence", "evidence-download",
    "reporting:evidence", "report-template", "report-upload",
    "reporting:upload",
}


@pytest.mark.parametrize("name,kwargs,method,expected", PAGES,
                         ids=[f"{p[0]}:{p[2]}" for p in PAGES])
def test_route_against_every_role(world, name, kwargs, method, expected):
    objects = _objects(world)
    url = reverse(name, kwargs={key: objects[value] for key, value in kwargs.items()})
    data = BODIES.get(name)
    content_type = "application/json" if name.endswith(("transition", "answer")) and "-" in name \
        else None
    assert_matrix(world, method, url, expected(), data=data, content_type=content_type)


def test_api_writes_against_every_role(world):
    def payload(role):
        return {"kind": "cso", "name_ru": f"ОО «Новая» ({role})", "country": "KG"}

    assert_matrix(world, "post", reverse("organisation-list"), expect(
        403, anonymous=API_ANON, admin=201, coordinator=201),
        data=payload, content_type="application/json")
    url = reverse("organisation-detail", args=[world.home_org.pk])
    assert_matrix(world, "patch", url, expect(403, anonymous=API_ANON, admin=200, coordinator=200,
                                              **{OTHER_COUNTRY: 404}),
                  data={"name_en": "Ministry of Labour"}, content_type="application/json")


def _route_names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _route_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_route_is_covered():
    covered = {p[0] for p in PAGES} | COVERED_ELSEWHERE
    own = {name for name in _route_names(get_resolver().url_patterns)
           if not name.startswith(("admin:", "django_"))}
    missing = sorted(name for name in own if name not in covered
                     and name.split("-")[-1] not in {"format"})
    assert not missing, f"routes without a permission-matrix row: {missing}"
