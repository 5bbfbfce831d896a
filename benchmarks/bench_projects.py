"""Server time of the projects list, as the API's page and the HTML page, at 2,000 projects and
20,000 budget lines, for a coordinator (the country's projects) and a partner user (the projects
its organisation is a partner of). Target: p95 ≤ 50 ms. Prints p50/p95 and queries per page.

    .venv/bin/python benchmarks/bench_projects.py                      # SQLite
    TENDIK_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \\
        .venv/bin/python benchmarks/bench_projects.py                  # PostgreSQL

It runs in a throw-away test database, never in the real one.
"""

import datetime
import random
import time
from decimal import Decimal

from common import throwaway_database, time_pages
from django.test import Client

PROJECTS, LINES_PER_PROJECT, ORGANISATIONS, REQUESTS = 2000, 10, 40, 200
SOURCES = ["republican", "local", "donor", "not_required"]
CURRENCIES = ["USD", "EUR", "KGS"]


def populate():
    from tendik.organisations.models import Organisation
    from tendik.partners.models import Disbursement, Project, ProjectBudgetLine, ProjectPartner
    from tendik.testing.factories import CountryFactory, OrganisationFactory, user_with_role

    kg = CountryFactory(code="KG")
    rng = random.Random(42)
    Organisation.objects.bulk_create(
        [Organisation(kind="international" if n % 3 else "cso", country=kg,
                      name_ru=f"Партнёр {n}", acronym=f"П{n}", search_text=f"партнёр {n}")
         for n in range(ORGANISATIONS)])
    organisations = list(Organisation.objects.values_list("id", flat=True))
    Project.objects.bulk_create(
        [Project(country=kg, title_ru=f"Проект {n} {rng.choice(['насилие', 'экономика'])}",
                 period_start=datetime.date(2020 + n % 5, 1, 1),
                 period_end=datetime.date(2026 + n % 4, 12, 31),
                 status=rng.choice(["pipeline", "active", "active", "completed"]))
         for n in range(PROJECTS)], batch_size=1000)
    projects = list(Project.objects.values_list("id", "period_start"))
    ProjectPartner.objects.bulk_create(
        [ProjectPartner(project_id=pk, organisation_id=org, role=role)
         for pk, _start in projects
         for org, role in zip(rng.sample(organisations, 3), ["donor", "implementer", "cso"],
                              strict=True)], batch_size=2000)
    ProjectBudgetLine.objects.bulk_create(
        [ProjectBudgetLine(project_id=pk, year=start.year + n % 6,
                           amount=Decimal(rng.randint(1000, 500000)),
                           currency=rng.choice(CURRENCIES), source=rng.choice(SOURCES))
         for pk, start in projects for n in range(LINES_PER_PROJECT)], batch_size=2000)
    Disbursement.objects.bulk_create(
        [Disbursement(project_id=pk, date=start + datetime.timedelta(days=40 * n),
                      amount=Decimal(rng.randint(100, 90000)), currency="USD")
         for pk, start in projects for n in range(2)], batch_size=2000)
    home = OrganisationFactory(country=kg, name_ru="Организация партнёра")
    ProjectPartner.objects.bulk_create(
        [ProjectPartner(project_id=pk, organisation=home, role="implementer")
         for pk, _start in projects[::10]])
    users = {"coordinator": user_with_role("coordinator", username="bench-coordinator",
                                           organisation=home),
             "partner": user_with_role("partner", username="bench-partner", organisation=home)}
    return users, organisations


def main():
    with throwaway_database() as vendor:
        started = time.perf_counter()
        users, organisations = populate()
        print(f"database: {vendor}; generated {PROJECTS} projects, "
              f"{PROJECTS * LINES_PER_PROJECT} budget lines in {time.perf_counter() - started:.1f} s")
        rng = random.Random(7)
        for role, user in users.items():
            client = Client()
            client.force_login(user)
            pages = max(1, (PROJECTS if role == "coordinator" else PROJECTS // 10) // 50)

            def urls(base: str, pages: int = pages):
                """Pages of the whole list, and first pages of a filtered one."""
                return [base + rng.choice([
                    f"?page={rng.randint(1, pages)}", "?status=active",
                    f"?partner={rng.choice(organisations)}", "?q=насилие"])
                    for _ in range(REQUESTS)]

            for label, base in (("API page", "/api/v1/projects/"), ("HTML page", "/projects/")):
                p50, p95, queries = time_pages(client, urls(base))
                verdict = "ok" if p95 <= 50 else "ABOVE TARGET"
                print(f"{role}, {label}: p50 {p50:.1f} ms, p95 {p95:.1f} ms ({verdict}), "
                      f"queries per page {queries}, n={REQUESTS}")


if __name__ == "__main__":
    main()
