import os

from django.core.management.base import BaseCommand

from tendik.demo.loader import DEFAULT_PASSWORD, demo_load


class Command(BaseCommand):
    help = "Load the demo data (idempotent) and print the demo logins."

    def handle(self, *args, **options):
        password = os.environ.get("TENDIK_DEMO_PASSWORD") or DEFAULT_PASSWORD
        result = demo_load(password=password)
        self.stdout.write(
            f"Demo data: {result['territories']} territories, "
            f"{result['organisations']} organisations, {result['people']} people, "
            f"{result['strategies']} strategies, {result['plans']} new plans, "
            f"{result['indicators']} indicators, {result['periods']} new reporting periods "
            f"(dates as of {result['today']:%d.%m.%Y})."
        )
        self.stdout.write(
            f"Open data: {result['published_periods']} periods published, "
            f"{result['official_values']} official values imported, "
            f"{result['open_data_archives']} all-data archives built.")
        self.stdout.write(f"Documents: {result['documents']} read into facts for review.")
        partners = result["partners"]
        self.stdout.write(
            f"Partners: {partners['projects']} new projects, {partners['engagements']} new "
            f"meetings, {partners['commitments']} new commitments, "
            f"{partners['exchange_rates']} new exchange rates (demo figures, not official).")
        committees = result["committees"]
        self.stdout.write(
            f"Committees: {committees['committees']} new local committees "
            f"({committees['members']} members, {committees['meetings']} meetings), "
            f"{committees['help_services']} new help services, {committees['statistics']} new "
            f"monthly forms (demo figures, invented).")
        self.stdout.write(f"Late reports ({len(result['late'])}):")
        for name in result["late"]:
            self.stdout.write(f"  {name}")
        self.stdout.write("Demo logins (for demo use only):")
        for username in result["users"]:
            self.stdout.write(f"  {username:<16} password: {password}")
