"""Prepare a database for the load test and write the URLs and sessions the locustfile uses.

    .venv/bin/python benchmarks/load/setup.py --database sqlite|postgres

Migrates, loads the demo (once), adds focal points spread over the organisations that have a
report open for editing (so that concurrent saves rarely meet on one section) and coordinators,
and signs every load account in. Every URL is checked with Django's test client as the role that
will request it, so a run never measures 404s. Safe to run again: it only refreshes sessions.
"""

import argparse
import json
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from environment import PASSWORD, WORK, server_environment, targets_path  # noqa: E402

FOCAL_USERS = 40
COORDINATORS = 10
PER_KIND = 4  # URLs of each kind a role samples from


def _django(database: str) -> None:
    os.environ.update(server_environment(database))
    sys.path.insert(0, os.environ["PYTHONPATH"])
    (WORK / "var").mkdir(parents=True, exist_ok=True)
    import django

    django.setup()


def _database_ready() -> None:
    from django.core.management import call_command

    from tendik.organisations.models import User

    call_command("migrate", verbosity=0)
    if not User.objects.filter(username="coordinator").exists():
        print("Loading the demo (about a minute on SQLite) ...", flush=True)
        call_command("load_demo")


def _account(username: str, organisation, role: str):
    from tendik.organisations import services as org_services
    from tendik.organisations.models import User

    user = User.objects.filter(username=username).first()
    if user is None:
        user = org_services.user_create(
            actor=None, username=username, password=PASSWORD, organisation=organisation,
            country=organisation.country, roles=[role], check_password=False)
    return user


def _editable_reports():
    from tendik.reporting.models import Report
    from tendik.reporting.workflow import EDITABLE_REPORTS, WRITABLE_PERIODS

    return list(Report.objects.filter(state__in=EDITABLE_REPORTS, period__state__in=WRITABLE_PERIODS)
                .select_related("organisation__country").order_by("pk"))


def _focal_points() -> list:
    """FOCAL_USERS accounts, dealt round the organisations with an editable report."""
    from tendik.core.permissions import Role

    organisations = list({report.organisation_id: report.organisation
                          for report in _editable_reports()}.values())
    return [_account(f"load-focal-{number:02d}", organisations[number % len(organisations)],
                     Role.FOCAL_POINT) for number in range(FOCAL_USERS)]


def _coordinators() -> list:
    from tendik.core.permissions import Role
    from tendik.organisations.models import User

    organisation = User.objects.get(username="coordinator").organisation
    return [_account(f"load-coordinator-{number:02d}", organisation, Role.COORDINATOR)
            for number in range(COORDINATORS)]


def _client(user=None):
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    if user is not None:
        client.force_login(user)
    return client


def _answering(client, urls: list[str], limit: int = PER_KIND) -> list[str]:
    """The first `limit` URLs that answer 200 to this client."""
    found = []
    for url in urls:
        if len(found) == limit:
            break
        if client.get(url).status_code == 200:
            found.append(url)
    return found


VERSION = re.compile(r'name="m(\d+)-version" value="(\d+)"')


def _sections(client, reports: list) -> list[dict]:
    """The (report, measure) sections whose form the report page offers this client."""
    found = []
    for report in reports:
        page = client.get(f"/reports/{report.pk}/")
        if page.status_code == 200:
            measures = sorted({int(m) for m, _v in VERSION.findall(page.content.decode())})
            found += [{"report": report.pk, "measure": measure} for measure in measures]
    return found


def _focal_targets(users: list) -> list[dict]:
    """Each focal point's session and sections: an organisation's sections are dealt among its
    users, so two users share a section only where there are more users than sections."""
    reports = _editable_reports()
    rounds: dict[int, list[dict]] = {}
    for organisation_id in sorted({user.organisation_id for user in users}):
        colleagues = [user for user in users if user.organisation_id == organisation_id]
        clients = [_client(user) for user in colleagues]
        sections = _sections(clients[0], [r for r in reports if r.organisation_id == organisation_id])
        for number, client in enumerate(clients):
            mine = sections[number::len(clients)] or sections[number % len(sections):][:1]
            if mine:
                rounds.setdefault(number, []).append(
                    {"session": client.cookies["sessionid"].value, "sections": mine})
    # The first user of every organisation first: a small run has no two users on one section.
    return [target for number in sorted(rounds) for target in rounds[number]]


def _coordinator_urls(user) -> dict[str, list[str]]:
    from tendik.plans.models import Indicator, Plan
    from tendik.reporting.models import Report, ReportingPeriod

    client = _client(user)
    periods = ReportingPeriod.objects.filter(plan__country=user.country).order_by("-start", "pk")
    plans = Plan.objects.filter(country=user.country).order_by("pk")
    indicators = Indicator.objects.filter(country=user.country).order_by("pk")
    in_review = Report.objects.filter(plan__country=user.country,
                                      state__in=("submitted", "resubmitted")).order_by("pk")
    return {
        "home": ["/"],
        "dashboard": _answering(client, [f"/reports/periods/{p.pk}/" for p in periods[:20]]),
        "plan_progress": _answering(client, [f"/analytics/plans/{p.pk}/progress/" for p in plans]),
        "indicator": _answering(client, [f"/analytics/indicators/{i.pk}/" for i in indicators[:40]]),
        "review_report": _answering(client, [f"/reports/{r.pk}/" for r in in_review[:20]]),
    }


def _public_urls() -> dict[str, list[str]]:
    from tendik.plans.models import Indicator, Plan

    client = _client()
    plans = _answering(client, [f"/portal/plans/{p.pk}/" for p in Plan.objects.order_by("pk")])
    indicators = Indicator.objects.order_by("pk")[:80]
    return {
        "portal_home": ["/portal/"],
        "public_plan": plans,
        "public_indicator": _answering(client, [f"/portal/indicators/{i.pk}/" for i in indicators]),
        "open_data": _answering(client, ["/open-data/", "/open-data/catalogue.json"], limit=2),
    }


def _sessions(users: list) -> list[str]:
    return [_client(user).cookies["sessionid"].value for user in users]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    database = parser.parse_args().database
    _django(database)
    _database_ready()
    coordinators = _coordinators()
    targets = {
        "focal": _focal_targets(_focal_points()),
        "coordinator": {"sessions": _sessions(coordinators),
                        "urls": _coordinator_urls(coordinators[0])},
        "anonymous": {"urls": _public_urls()},
    }
    empty = [kind for role in ("coordinator", "anonymous")
             for kind, urls in targets[role]["urls"].items() if not urls]
    if not targets["focal"] or empty:
        sys.exit(f"The demo lacks targets: focal={len(targets['focal'])}, empty kinds={empty}")
    targets_path(database).write_text(json.dumps(targets, indent=1))
    print(f"{database}: {len(targets['focal'])} focal points with an editable report, "
          f"{len(coordinators)} coordinators; targets in {targets_path(database)}")


if __name__ == "__main__":
    main()
