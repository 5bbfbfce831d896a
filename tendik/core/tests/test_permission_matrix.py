"""Every route and method against every role.

A (route, method) pair that the URLconf serves without a row here (or in COVERED_ELSEWHERE, naming
the test that proves it) fails `test_every_route_and_method_has_a_matrix_row`.
"""

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tendik.core.models import AuditEntry
from tendik.core.services import job_create
from tendik.exports.services import national_report_request
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
    rplan, period, _report, rindicator, _other = open_period(world)
    other_report = period.reports.get(organisation=world.other_kg_org)
    activity = reporting_services.activity_create(actor=None, report=other_report, data={
        "kind": "training", "title": "Тренинг", "start": "2023-04-04", "end": "2023-04-04"})
    evidence = reporting_services.evidence_add(actor=None, report=other_report,
                                               url="https://example.org/protocol")
    plan, strategy = build_plan(world, measures_per_objective=1)
    services.plan_transition(actor=None, plan=plan, to="consultation")
    comment = services.comment_add(actor=world.users["observer"], plan=plan, text="Замечание")
    measure = plan.measures.first()
    audit = AuditEntry.objects.filter(country_code="KG").order_by("id").first()
    national, _created = national_report_request(actor=world.users["coordinator"],
                                                 plan_id=rplan.pk, fmt="docx", language="ru")
    national.file.save("national.docx", ContentFile(b"PK\x03\x04"))  # the worker's part
    return {"national_report": national.pk, "audit": audit.pk, "org": world.home_org.pk,
            "person": person.pk, "user": account.pk, "name": other.pk, "job": job.pk,
            "territory": territory.pk, "plan": plan.pk,
            "strategy": strategy.pk, "measure": measure.pk, "comment": comment.pk,
            "indicator": measure.indicators.first().pk,
            "framework": measure.frameworks.first().pk, "area": measure.objective.area_id,
            "objective": measure.objective_id, "period": period.pk,
            "report": other_report.pk, "activity": activity["id"], "evidence": evidence.pk,
            "progress_measure": other_report.progress.first().measure_id,
            "rplan": rplan.pk, "rindicator": rindicator.pk, "csv": "csv", "xlsx": "xlsx",
            "indicator_file": f"{rindicator.code}.csv"}


# (route name, kwargs keys, method, expectation builder)
PAGES = [
    # Signed out, `/` is the public portal, which reads and never writes.
    ("home", {}, "get", lambda: expect(200)),
    ("home", {}, "post", lambda: expect(200, anonymous=405)),
    # The installable app: its shell is public; what a device keeps is the signed-in user's.
    ("webmanifest", {}, "get", lambda: expect(200)),
    ("service_worker", {}, "get", lambda: expect(200)),
    ("offline_page", {}, "get", lambda: expect(200)),
    ("offline_state", {}, "get", lambda: expect(200, anonymous=401)),
    # The public portal and open data: the same answer for every role. Nothing is published in
    # this world, so a plan's or an indicator's public page or file is a 404 even for an admin;
    # published ones are proven per role in tendik/portal/tests/test_nothing_unpublished.py.
    *[(name, kwargs, "get", lambda status=status: expect(status)) for name, kwargs, status in [
        ("portal:home", {}, 200), ("portal:open_data", {}, 200), ("open_data", {}, 200),
        ("portal:language", {}, 302), ("portal:plan", {"pk": "rplan"}, 404),
        ("portal:indicator", {"pk": "rindicator"}, 404), ("opendata:catalogue", {}, 200),
        ("opendata:indicator", {"name": "indicator_file"}, 404),
        ("opendata:structure", {}, 400), ("opendata:archive", {}, 404)]],
    ("opendata:mappings", {}, "get",
     lambda: expect(403, anonymous=LOGIN, **M, coordinator_kz=200)),
    ("opendata:mappings", {}, "post",
     lambda: expect(403, anonymous=LOGIN, admin=302, coordinator=302, coordinator_kz=302)),
    ("login", {}, "get", lambda: expect(302, anonymous=200)),
    ("two_factor", {}, "get post", lambda: expect(403, anonymous=LOGIN, **M, coordinator_kz=200)),
    ("audit", {}, "get post", lambda: expect(403, anonymous=LOGIN, **M, coordinator_kz=200)),
    ("job", {"pk": "job"}, "get post", lambda: expect(404, anonymous=LOGIN, coordinator=200, admin=200)),
    ("territories:list", {}, "get post", lambda: expect(200)),
    ("territories:detail", {"pk": "territory"}, "get post", lambda: expect(200)),
    ("territories:history", {"pk": "territory"}, "get post", lambda: expect(200)),
    ("territories:import", {}, "get post",
     lambda: expect(403, anonymous=LOGIN, **M, coordinator_kz=200)),
    ("organisations:list", {}, "get post", lambda: expect(200, anonymous=LOGIN)),
    ("organisations:export", {}, "get post", lambda: expect(200, anonymous=LOGIN)),
    ("organisations:import", {}, "get post",
     lambda: expect(403, anonymous=LOGIN, **M, coordinator_kz=200)),
    ("organisations:create", {}, "get post",
     lambda: expect(403, anonymous=LOGIN, **M, coordinator_kz=200)),
    ("organisations:detail", {"pk": "org"}, "get post",
     lambda: expect(200, anonymous=LOGIN, coordinator_kz=404)),
    ("organisations:history", {"pk": "org"}, "get post",
     lambda: expect(200, anonymous=LOGIN, coordinator_kz=404)),
    ("organisations:edit", {"pk": "org"}, "get post",
     lambda: expect(403, anonymous=LOGIN, **M, coordinator_kz=404)),
    ("organisations:name_add", {"pk": "org"}, "post",
     lambda: expect(403, anonymous=LOGIN, admin=302, coordinator=302, coordinator_kz=404)),
    # The first manager removes the name; the second then finds nothing to remove.
    ("organisations:name_remove", {"pk": "org", "name_pk": "name"}, "post",
     lambda: expect(403, anonymous=LOGIN, admin=302, coordinator=404, coordinator_kz=404)),
    ("organisations:people", {}, "get post", lambda: expect(200, anonymous=LOGIN)),
    ("organisations:person_create", {}, "get post",
     lambda: expect(403, anonymous=LOGIN, **M, coordinator_kz=200)),
    ("organisations:person", {"pk": "person"}, "get post",
     lambda: expect(404, anonymous=LOGIN, **M)),
    ("organisations:person_history", {"pk": "person"}, "get post",
     lambda: expect(404, anonymous=LOGIN, **M)),
    ("organisations:person_edit", {"pk": "person"}, "get post",
     lambda: expect(403, anonymous=LOGIN, **M, coordinator_kz=404)),
    ("organisations:users", {}, "get post",
     lambda: expect(403, anonymous=LOGIN, **M, coordinator_kz=200)),
    ("organisations:user_create", {}, "get post",
     lambda: expect(403, anonymous=LOGIN, **M, coordinator_kz=200)),
    ("organisations:user_edit", {"pk": "user"}, "get post",
     lambda: expect(403, anonymous=LOGIN, **M, coordinator_kz=404)),
    ("organisations:user_history", {"pk": "user"}, "get post",
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
    ("plans:list", {}, "get post", lambda: expect(200)),
    ("plans:import", {}, "get post", lambda: expect(403, anonymous=LOGIN, **M, coordinator_kz=200)),
    ("plans:detail", {"pk": "plan"}, "get post", lambda: expect(200, anonymous=404, coordinator_kz=404)),
    ("plans:history", {"pk": "plan"}, "get post",
     lambda: expect(200, anonymous=LOGIN, coordinator_kz=404)),
    ("plans:diff", {"pk": "plan", "other": "plan"}, "get post",
     lambda: expect(200, anonymous=404, coordinator_kz=404)),
    ("plans:measure", {"pk": "measure"}, "get post",
     lambda: expect(200, anonymous=404, coordinator_kz=404)),
    ("plans:measure_history", {"pk": "measure"}, "get post",
     lambda: expect(200, anonymous=LOGIN, coordinator_kz=404)),
    ("plans:strategy", {"pk": "strategy"}, "get post",
     lambda: expect(200, anonymous=404, coordinator_kz=404)),
    ("plans:transition", {"pk": "plan"}, "post",
     lambda: expect(403, anonymous=LOGIN, admin=302, coordinator=302, coordinator_kz=404)),
    ("plans:new_version", {"pk": "plan"}, "post",
     lambda: expect(403, anonymous=LOGIN, admin=302, coordinator=302, coordinator_kz=404)),
    ("plans:comment_add", {"pk": "plan"}, "post",
     lambda: expect(302, anonymous=LOGIN, coordinator_kz=404)),
    ("plans:comment_answer", {"pk": "comment"}, "post",
     lambda: expect(403, anonymous=LOGIN, admin=302, coordinator=302, coordinator_kz=404)),
    ("plans:create", {}, "get post", lambda: expect(403, anonymous=LOGIN, **M, coordinator_kz=200)),
    ("plans:area_add", {"pk": "plan"}, "post",
     lambda: expect(403, anonymous=LOGIN, admin=302, coordinator=302, coordinator_kz=404)),
    ("plans:objective_add", {"pk": "plan", "area": "area"}, "post",
     lambda: expect(403, anonymous=LOGIN, admin=302, coordinator=302, coordinator_kz=404)),
    ("plans:measure_create", {"pk": "plan", "objective": "objective"}, "get post",
     lambda: expect(403, anonymous=LOGIN, **M, coordinator_kz=404)),
    ("plans:measure_edit", {"pk": "measure"}, "get post",
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
     lambda: expect(404, anonymous=API_ANON, admin=200, coordinator=200)),
    ("report-accept", {"pk": "report"}, "post",
     lambda: expect(404, anonymous=API_ANON, admin=409, coordinator=409)),
    ("report-submit", {"pk": "report"}, "post",
     lambda: expect(404, anonymous=API_ANON, admin=403, coordinator=403)),
    ("reporting:mine", {}, "get post", lambda: expect(200, anonymous=LOGIN)),
    ("reporting:template", {"pk": "report"}, "get post",
     lambda: expect(404, anonymous=LOGIN, admin=200, coordinator=200)),
    ("reporting:periods", {}, "get post",
     lambda: expect(403, anonymous=LOGIN, **M, coordinator_kz=200)),
    ("reporting:dashboard", {"pk": "period"}, "get post",
     lambda: expect(403, anonymous=LOGIN, **M, coordinator_kz=404)),
    ("reporting:period_transition", {"pk": "period"}, "post",
     lambda: expect(403, anonymous=LOGIN, admin=302, coordinator=302, coordinator_kz=404)),
    ("reporting:period_publication", {"pk": "period"}, "post",
     lambda: expect(403, anonymous=LOGIN, admin=302, coordinator=302, coordinator_kz=404)),
    ("reporting:report", {"pk": "report"}, "get post",
     lambda: expect(404, anonymous=LOGIN, admin=200, coordinator=200)),
    ("reporting:remind", {"pk": "report"}, "post",
     lambda: expect(403, anonymous=LOGIN, admin=302, coordinator=302, coordinator_kz=404)),
    ("reporting:act", {"pk": "report"}, "post",
     lambda: expect(404, anonymous=LOGIN, admin=302, coordinator=302)),
    # Writes to a report: only its own reporters; readers who are not get 403, others 404.
    *[(name, kwargs, method, lambda: expect(404, anonymous=LOGIN, admin=403, coordinator=403))
      for name, kwargs, methods in [
          ("reporting:observations", {"pk": "report"}, ("get", "post")),
          ("reporting:progress", {"pk": "report", "measure_id": "progress_measure"},
           ("get", "post")),
          ("reporting:activity_add", {"pk": "report"}, ("get", "post")),
          ("reporting:activity_edit", {"pk": "report", "activity_id": "activity"},
           ("get", "post")),
          ("reporting:activity_delete", {"pk": "report", "activity_id": "activity"},
           ("get", "post")),
          ("reporting:evidence_add", {"pk": "report"}, ("get", "post")),
          ("reporting:evidence_edit", {"pk": "report", "evidence_id": "evidence"},
           ("get", "post")),
          ("reporting:submit", {"pk": "report"}, ("get", "post")),
      ] for method in methods],
    ("reporting:accept", {"pk": "report"}, "get",
     lambda: expect(404, anonymous=LOGIN, admin=200, coordinator=200)),
    ("reporting:accept", {"pk": "report"}, "post",
     lambda: expect(404, anonymous=LOGIN, admin=400, coordinator=400)),
    ("reporting:evidence", {"pk": "evidence"}, "get post",
     lambda: expect(404, anonymous=LOGIN, admin=302, coordinator=302)),
    ("reporting:upload", {"pk": "report"}, "post",
     lambda: expect(404, anonymous=LOGIN, admin=403, coordinator=403)),
    ("login", {}, "post", lambda: expect(302, anonymous=200)),
    ("set_language", {}, "get post", lambda: expect(302)),
    ("schema", {}, "get", lambda: expect(200)),
    ("swagger-ui", {}, "get", lambda: expect(200)),
    ("api-root", {}, "get", lambda: expect(200, anonymous=API_ANON)),
    ("api-logout", {}, "post", lambda: expect(401, anonymous=API_ANON)),
    ("audit-detail", {"pk": "audit"}, "get",
     lambda: expect(403, anonymous=API_ANON, **M, coordinator_kz=404)),
    # Writes without a valid body: managers reach validation (400), others are refused first.
    ("person-list", {}, "post",
     lambda: expect(403, anonymous=API_ANON, admin=400, coordinator=400, coordinator_kz=400)),
    ("person-detail", {"pk": "person"}, "patch",
     lambda: expect(403, anonymous=API_ANON, **M, coordinator_kz=404)),
    ("user-list", {}, "post",
     lambda: expect(403, anonymous=API_ANON, admin=400, coordinator=400, coordinator_kz=400)),
    ("period-list", {}, "post",
     lambda: expect(403, anonymous=API_ANON, admin=400, coordinator=400, coordinator_kz=400)),
    ("plan-comments", {"pk": "plan"}, "post",
     lambda: expect(400, anonymous=API_ANON, coordinator_kz=404)),
    ("plan-import-matrix", {}, "post",
     lambda: expect(403, anonymous=API_ANON, admin=400, coordinator=400, coordinator_kz=400)),
    # The period is open: opening or locking it is an illegal move for those allowed to try.
    ("period-open", {"pk": "period"}, "post",
     lambda: expect(403, anonymous=API_ANON, admin=409, coordinator=409, coordinator_kz=404)),
    ("period-lock", {"pk": "period"}, "post",
     lambda: expect(403, anonymous=API_ANON, admin=409, coordinator=409, coordinator_kz=404)),
    # An open period is not published (409); withdrawing an unpublished one changes nothing.
    ("period-publish", {"pk": "period"}, "post",
     lambda: expect(403, anonymous=API_ANON, admin=409, coordinator=409, coordinator_kz=404)),
    ("period-withdraw", {"pk": "period"}, "post",
     lambda: expect(403, anonymous=API_ANON, admin=200, coordinator=200, coordinator_kz=404)),
    ("report-template", {"pk": "report"}, "get",
     lambda: expect(404, anonymous=API_ANON, admin=200, coordinator=200)),
    # The report is a draft: reviewers may try and meet 409, reporters' writes are theirs alone.
    ("report-return", {"pk": "report"}, "post",
     lambda: expect(404, anonymous=API_ANON, admin=409, coordinator=409)),
    ("report-reopen", {"pk": "report"}, "post",
     lambda: expect(404, anonymous=API_ANON, admin=409, coordinator=409)),
    *[(name, {"pk": "report"}, method, lambda: expect(404, anonymous=API_ANON, admin=403,
                                                      coordinator=403))
      for name, method in [("report-observations", "patch"), ("report-activities", "patch"),
                           ("report-activities", "post"), ("report-evidence", "post"),
                           ("report-upload", "post")]],
    ("report-progress", {"pk": "report", "measure_id": "progress_measure"}, "patch",
     lambda: expect(404, anonymous=API_ANON, admin=403, coordinator=403)),
    # A link has no file to download: 404 for those who may read it, as for those who may not.
    ("evidence-download", {"pk": "evidence"}, "get", lambda: expect(404, anonymous=API_ANON)),
    # Analytics: figures of the country's reportable plan (QUERIES names it); KZ sees none.
    ("analytics:plan_progress", {"pk": "rplan"}, "get post",
     lambda: expect(200, anonymous=LOGIN, coordinator_kz=404)),
    ("analytics:indicator", {"pk": "rindicator"}, "get post",
     lambda: expect(200, anonymous=LOGIN, coordinator_kz=404)),
    *[("analytics:indicator_download", {"pk": "rindicator", "fmt": fmt}, "get post",
       lambda: expect(200, anonymous=LOGIN, coordinator_kz=404)) for fmt in ("csv", "xlsx")],
    ("analytics:territories", {}, "get post", lambda: expect(200, anonymous=LOGIN,
                                                             coordinator_kz=404)),
    ("reporting:activities", {}, "get post", lambda: expect(200, anonymous=LOGIN)),
    ("api-plan-progress", {}, "get", lambda: expect(200, anonymous=API_ANON, coordinator_kz=404)),
    ("api-activity-reach", {}, "get", lambda: expect(200, anonymous=API_ANON,
                                                     coordinator_kz=404)),
    ("api-reporting-discipline", {}, "get",
     lambda: expect(200, anonymous=API_ANON, coordinator_kz=404)),
    ("api-territory-figures", {}, "get",
     lambda: expect(200, anonymous=API_ANON, coordinator_kz=404)),
    ("api-indicator-figure", {"pk": "rindicator"}, "get",
     lambda: expect(200, anonymous=API_ANON, coordinator_kz=404)),
    ("activity-list", {}, "get", lambda: expect(200, anonymous=API_ANON)),
    # The national report: the plan's country's managers; KZ's coordinator finds no KG report.
    ("exports:national_report", {}, "get",
     lambda: expect(403, anonymous=LOGIN, **M, coordinator_kz=200)),
    ("exports:row", {"pk": "national_report"}, "get",
     lambda: expect(403, anonymous=LOGIN, **M, coordinator_kz=404)),
    ("exports:download", {"pk": "national_report"}, "get",
     lambda: expect(403, anonymous=LOGIN, **M, coordinator_kz=404)),
    ("api-national-reports", {}, "get",
     lambda: expect(403, anonymous=API_ANON, **M, coordinator_kz=200)),
    ("api-national-report-download", {"pk": "national_report"}, "get",
     lambda: expect(403, anonymous=API_ANON, **M, coordinator_kz=404)),
    # A job is its creator's (an admin sees every job); this one is not shared.
    ("job-detail", {"pk": "job"}, "get",
     lambda: expect(404, anonymous=API_ANON, coordinator=200, admin=200)),
    # The activity is in another organisation's draft: its readers are the reviewers.
    ("activity-detail", {"pk": "activity"}, "get",
     lambda: expect(404, anonymous=API_ANON, **M)),
]
# Figures read their plan or period from the query string.
QUERIES = {
    "analytics:territories": lambda objects: f"?plan={objects['rplan']}",
    "api-plan-progress": lambda objects: f"?plan={objects['rplan']}",
    "api-activity-reach": lambda objects: f"?plan={objects['rplan']}",
    "api-territory-figures": lambda objects: f"?plan={objects['rplan']}",
    "api-reporting-discipline": lambda objects: f"?period={objects['period']}",
}
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
    "report-return": {"comments": [{"text": "Уточните"}]},
    "report-reopen": {"reason": "Ошибка"},
    "report-observations": {"version": 1, "values": []},
    # PATCH replaces the list, POST adds one activity: one body valid for both.
    "report-activities": {"version": 1, "activities": [], "kind": "training",
                          "title": "Семинар", "start": "2023-03-01", "end": "2023-03-01"},
    "report-progress": {"version": 1, "status": "completed"},
    "reporting:upload": lambda role: {"file": _not_a_workbook()},
    "report-upload": lambda role: {"file": _not_a_workbook()},
    "report-evidence": lambda role: {"url": "https://example.org/report"},
    "plan-import-matrix": lambda role: {"file": _not_a_workbook()},
}
# Sent as multipart form data; every other API body is JSON.
MULTIPART = {"report-upload", "report-evidence", "plan-import-matrix"}


def _not_a_workbook():
    return SimpleUploadedFile("report.xlsx", b"not a workbook")
# (route, method) pairs whose rules are proven by another test, named here.
NATIONAL_REPORT_REQUEST = (
    "tendik/core/tests/test_permission_matrix.py::test_national_report_request_against_every_role")
DOCUMENTS = "tendik/documents/tests/test_permission_matrix.py::test_documents_route_against_every_role"
PARTNERS = "tendik/partners/tests/{0}/test_permission_matrix.py::test_{0}_route_against_every_role"
PARTNERS_ROUTES = {
    "projects": [
        ("projects:list", "get"), ("projects:add", "get"), ("projects:add", "post"),
        ("projects:detail", "get"), ("projects:edit", "get"), ("projects:edit", "post"),
        ("projects:transition", "post"), ("projects:disbursement_add", "post"),
        ("projects:disbursement_delete", "post"), ("project-list", "get"),
        ("project-list", "post"), ("project-detail", "get"), ("project-detail", "patch"),
        ("project-transition", "post"), ("project-disbursements", "get"),
        ("project-disbursements", "post")],
    "money": [("funding", "get"), ("funding:plan", "get"), ("funding:rates", "get"),
              ("funding:rates", "post")],
    "engagements": [
        ("engagements:list", "get"), ("engagements:follow_ups", "get"),
        ("engagements:add", "get"), ("engagements:add", "post"), ("engagements:detail", "get"),
        ("engagements:edit", "get"), ("engagements:edit", "post"),
        ("engagements:follow_up_add", "post"), ("engagements:follow_up_update", "post"),
        ("engagement-list", "get"), ("engagement-list", "post"), ("engagement-detail", "get"),
        ("engagement-detail", "patch"), ("engagement-follow-ups", "post"),
        ("follow-up-list", "get"), ("follow-up-detail", "get"), ("follow-up-detail", "patch")],
    "commitments": [
        ("commitments:list", "get"), ("commitments:add", "get"), ("commitments:add", "post"),
        ("commitments:detail", "get"), ("commitments:edit", "get"), ("commitments:edit", "post"),
        ("commitments:progress", "post"), ("commitments:publish", "post"),
        ("commitments:evidence", "get"), ("commitment-list", "get"),
        ("commitment-list", "post"), ("commitment-detail", "get"),
        ("commitment-detail", "patch"), ("commitment-progress", "post"),
        ("commitment-publish", "post"), ("public_commitments:list", "get"),
        ("public_commitments:detail", "get"), ("public_commitments:evidence", "get")],
}
COMMITTEES = "tendik/committees/tests/{0}/test_permission_matrix.py::test_{1}_route_against_every_role"
COMMITTEES_ROUTES = {
    ("network", "network"): [
        ("committees:list", "get"), ("committees:add", "get"), ("committees:add", "post"),
        ("committees:coverage", "get"), ("committees:detail", "get"), ("committees:edit", "get"),
        ("committees:edit", "post"), ("committees:member_add", "post"),
        ("committees:member_remove", "post"), ("committees:meeting_add", "post"),
        ("committees:meeting_edit", "get"), ("committees:meeting_edit", "post"),
        ("committee-list", "get"), ("committee-list", "post"), ("committee-detail", "get"),
        ("committee-detail", "patch"), ("committee-members", "get"),
        ("committee-members", "post"), ("committee-meetings", "get"),
        ("committee-meetings", "post")],
    ("directory", "help_services"): [
        ("help_services:list", "get"), ("help_services:add", "get"),
        ("help_services:add", "post"), ("help_services:detail", "get"),
        ("help_services:edit", "get"), ("help_services:edit", "post"), ("help:index", "get"),
        ("help-service-list", "get"), ("help-service-list", "post"),
        ("help-service-detail", "get"), ("help-service-detail", "patch")],
    ("statistics", "statistics"): [
        ("fv_statistics:list", "get"), ("fv_statistics:form", "get"),
        ("fv_statistics:form", "post"), ("fv_statistics:transition", "post"),
        ("statistics-list", "get"), ("committee-statistics", "get"),
        ("committee-statistics", "put"), ("committee-statistics-transition", "post"),
        ("help-service-statistics", "get"), ("help-service-statistics", "put"),
        ("help-service-statistics-transition", "post")],
}
SYSTEM = "tendik/system/tests/test_permission_matrix.py::test_system_route_against_every_role"
SYSTEM_ROUTES = [("health_live", "get"), ("health_ready", "get"), ("system:status", "get")]
PUBLIC_FIGURES = ("tendik/committees/tests/disclosure/test_permission_matrix.py::"
                  "test_everyone_reads_the_public_figures")
COVERED_ELSEWHERE = {
    **{pair: PARTNERS.format(area) for area, pairs in PARTNERS_ROUTES.items() for pair in pairs},
    **{pair: COMMITTEES.format(*area) for area, pairs in COMMITTEES_ROUTES.items()
       for pair in pairs},
    **dict.fromkeys(SYSTEM_ROUTES, SYSTEM),
    **dict.fromkeys([("fv_public:figures", "get"), ("family_violence_csv", "get")],
                    PUBLIC_FIGURES),
    **dict.fromkeys([
        ("documents:list", "get"), ("documents:add", "get"), ("documents:add", "post"),
        ("documents:detail", "get"), ("documents:status", "get"), ("documents:file", "get"),
        ("documents:extract", "post"), ("documents:fact_decide", "post"),
        ("documents:fact_event", "get"), ("documents:fact_event", "post"), ("document-list", "get"),
        ("document-list", "post"), ("document-detail", "get"), ("document-facts", "get"),
        ("document-extract", "post"), ("fact-list", "get"), ("fact-detail", "get"),
        ("fact-decide", "post"), ("fact-activity", "post")], DOCUMENTS),
    ("exports:national_report", "post"): NATIONAL_REPORT_REQUEST,
    ("api-national-report", "post"): NATIONAL_REPORT_REQUEST,
    ("logout", "post"): "tendik/core/tests/test_views.py::test_login_and_logout",
    ("api-token", "post"): "tendik/core/tests/test_views.py::test_api_token_login_is_locked_too",
    ("organisation-list", "post"):
        "tendik/core/tests/test_permission_matrix.py::test_api_writes_against_every_role",
    ("organisation-detail", "patch"):
        "tendik/core/tests/test_permission_matrix.py::test_api_writes_against_every_role",
}


@pytest.mark.parametrize("name,kwargs,method,expected", PAGES,
                         ids=[f"{p[0]}:{p[2].replace(' ', '+')}" for p in PAGES])
def test_route_against_every_role(world, name, kwargs, method, expected):
    objects = _objects(world)
    url = reverse(name, kwargs={key: objects[value] for key, value in kwargs.items()})
    url += QUERIES[name](objects) if name in QUERIES else ""
    data = BODIES.get(name)
    api_json = "-" in name and method != "get" and name not in MULTIPART
    for one_method in method.split():
        assert_matrix(world, one_method, url, expected(), data=data,
                      content_type="application/json" if api_json else None)


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


def test_national_report_request_against_every_role(world):
    """The request names a plan, so its body is built here: KG managers start a job (202, or
    the page's redirect), KZ's coordinator cannot see the plan (404), other roles 403."""
    plan = open_period(world)[0]
    body = {"plan": plan.pk, "format": "docx", "language": "ru"}
    assert_matrix(world, "post", reverse("api-national-report"), expect(
        403, anonymous=API_ANON, admin=202, coordinator=202, **{OTHER_COUNTRY: 404}),
        data=body, content_type="application/json")
    assert_matrix(world, "post", reverse("exports:national_report"), expect(
        403, anonymous=LOGIN, admin=302, coordinator=302, **{OTHER_COUNTRY: 400}), data=body)


# Function views and Django's class-based views branch on POST and answer every other method as
# a GET, so for them the pairs that matter are GET and POST; DRF routes declare their methods.
HTML_METHODS = ("get", "post")
UNUSED_ID = 999_999


def _routes(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _routes(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", pattern


def _drf_methods(callback) -> set[str] | None:
    """A DRF route's methods: a viewset's action map, or an API view's handlers.

    DRF authenticates before it looks for a handler, so probing would hide a 405 behind a 401.
    HEAD and OPTIONS answer as GET and describe the route; they change nothing.
    """
    view_class = getattr(callback, "cls", None)
    if view_class is None:
        return None
    methods = set(getattr(callback, "actions", None) or {
        method for method in view_class.http_method_names if hasattr(view_class, method)})
    return methods & set(view_class.http_method_names) - {"head", "options"}


def _probed_methods(client, admin, name: str, pattern: URLPattern) -> set[str]:
    """The HTML methods a route serves: whatever does not answer 405 to an admin."""
    url = reverse(name, kwargs=dict.fromkeys(pattern.pattern.converters, UNUSED_ID))
    served = set()
    for method in HTML_METHODS:
        client.force_login(admin)  # a probe of `logout` must not sign out the next one
        if getattr(client, method)(url).status_code != 405:
            served.add(method)
    return served


def served_pairs(world) -> set[tuple[str, str]]:
    """Every (route name, method) our URLconf answers, admin and Django's own routes aside."""
    client, admin, pairs = Client(), world.users["admin"], set()
    for name, pattern in _routes(get_resolver().url_patterns):
        if name.startswith(("admin:", "django_")) or "format" in pattern.pattern.converters:
            continue
        methods = _drf_methods(pattern.callback)
        if methods is None:
            methods = _probed_methods(client, admin, name, pattern)
        pairs |= {(name, method) for method in methods}
    return pairs


def test_every_route_and_method_has_a_matrix_row(world):
    served = served_pairs(world)
    covered = {(name, method) for name, _kwargs, methods, _expected in PAGES
               for method in methods.split()} | set(COVERED_ELSEWHERE)
    missing = sorted(served - covered)
    assert not missing, f"(route, method) pairs without a permission-matrix row: {missing}"
    stale = sorted(covered - served)
    assert not stale, f"matrix rows or waivers that name no served (route, method): {stale}"


def test_every_waiver_names_a_test_that_exists():
    root = Path(__file__).resolve().parents[3]
    for pair, test in COVERED_ELSEWHERE.items():
        path, name = test.split("::")
        assert f"def {name}(" in (root / path).read_text(encoding="utf-8"), (pair, test)
