"""Tendik under load: 60 % focal points, 25 % coordinators, 15 % anonymous visitors.

Run it through `run.py`, which prepares the database, starts the server and bounds the run. The
targets (sessions, sections, URLs) come from `setup.py`, in the JSON file TENDIK_LOAD_TARGETS.

Each virtual user speaks to the server as a browser behind the TLS proxy would: it sends the
proxy's `X-Forwarded-Proto: https`, carries its session and CSRF cookies itself (the production
cookies are Secure, so a client on plain HTTP would drop them) and, on a save, the Origin header.
A save that meets someone else's newer version is a conflict, counted under its own name.
"""

import itertools
import json
import os
import random
import re
import secrets
import string
from pathlib import Path

from locust import between, task
from locust.contrib.fasthttp import FastHttpUser

TARGETS = json.loads(Path(os.environ["TENDIK_LOAD_TARGETS"]).read_text(encoding="utf-8"))
# Several servers (one per gunicorn master) share the users in turn.
HOSTS = itertools.cycle([host for host in os.environ.get("TENDIK_LOAD_HOSTS", "").split(",") if host]
                        or [None])
FOCAL_SESSIONS = itertools.cycle(TARGETS["focal"])
COORDINATOR_SESSIONS = itertools.cycle(TARGETS["coordinator"]["sessions"])
VERSION = r'name="m{measure}-version" value="(\d+)"'
STATUSES = ("in_progress", "completed", "partially_completed")


class Browser(FastHttpUser):
    abstract = True
    wait_time = between(1, 3)
    session: str | None = None

    def __init__(self, environment):
        self.host = next(HOSTS) or environment.host
        super().__init__(environment)
        self.csrf = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
        origin = self.host.replace("http://", "https://")
        cookies = f"csrftoken={self.csrf}" + (f"; sessionid={self.session}" if self.session else "")
        self.headers = {"X-Forwarded-Proto": "https", "Cookie": cookies, "Origin": origin}

    def page(self, kind: str, urls: list[str]) -> str:
        with self.client.get(random.choice(urls), name=kind, headers=self.headers,
                             allow_redirects=False, catch_response=True) as response:
            _judge(response)
            return response.text or ""


def _judge(response) -> None:
    """Server errors and client errors apart; a redirect (to the login page) is a failure too."""
    if response.status_code >= 500:
        response.failure(f"server error {response.status_code}")
    elif response.status_code >= 300 and response.status_code != 409:
        response.failure(f"client error or redirect {response.status_code}")
    elif response.status_code == 0:
        response.failure(f"no response: {response.error}")
    else:
        response.success()


class FocalPoint(Browser):
    """Opens the report, then types into one section: the form autosaves one to three times."""

    weight = 60

    def __init__(self, environment):
        target = next(FOCAL_SESSIONS)
        self.session, self.sections = target["session"], target["sections"]
        super().__init__(environment)

    @task
    def edit_a_section(self) -> None:
        section = random.choice(self.sections)
        report, measure = section["report"], section["measure"]
        page = self.page("focal: report page", [f"/reports/{report}/"])
        found = re.search(VERSION.format(measure=measure), page)
        if found is None:
            return
        version = found.group(1)
        for _save in range(random.randint(1, 3)):
            self.wait()
            version = self.save(report, measure, version)
            if version is None:
                return

    def save(self, report: int, measure: int, version: str) -> str | None:
        """One htmx autosave; the next version, or None after a conflict or a failure."""
        prefix = f"m{measure}"
        data = {"csrfmiddlewaretoken": self.csrf, f"{prefix}-version": version,
                f"{prefix}-status": random.choice(STATUSES),
                f"{prefix}-narrative_ru": f"Проведено {random.randint(1, 99)} мероприятий; "
                                          "отчёт о ходе выполнения обновлён.",
                f"{prefix}-narrative_ky": "", f"{prefix}-spent_amount": "",
                f"{prefix}-spent_currency": "", f"{prefix}-reason": ""}
        headers = {**self.headers, "HX-Request": "true", "X-CSRFToken": self.csrf}
        with self.client.post(f"/reports/{report}/progress/{measure}/", data=data,
                              headers=headers, name="focal: save section",
                              catch_response=True) as response:
            text = response.text or ""
            if response.status_code == 409 or "data-conflict" in text:
                response.request_meta["name"] = "focal: save section (conflict)"
            _judge(response)
            saved = re.search(VERSION.format(measure=measure), text)
            return saved.group(1) if saved and response.status_code == 200 else None


class Coordinator(Browser):
    weight = 25

    def __init__(self, environment):
        self.session = next(COORDINATOR_SESSIONS)
        super().__init__(environment)
        self.urls = TARGETS["coordinator"]["urls"]

    @task(3)
    def home(self) -> None:
        self.page("coordinator: home", self.urls["home"])

    @task(2)
    def period_dashboard(self) -> None:
        self.page("coordinator: period dashboard", self.urls["dashboard"])

    @task(2)
    def review_a_report(self) -> None:
        self.page("coordinator: report in review", self.urls["review_report"])

    @task(1)
    def plan_progress(self) -> None:
        self.page("coordinator: plan progress", self.urls["plan_progress"])

    @task(1)
    def indicator(self) -> None:
        self.page("coordinator: indicator analytics", self.urls["indicator"])


class Visitor(Browser):
    weight = 15

    def __init__(self, environment):
        super().__init__(environment)
        self.urls = TARGETS["anonymous"]["urls"]

    @task(3)
    def portal_home(self) -> None:
        self.page("public: portal home", self.urls["portal_home"])

    @task(2)
    def plan(self) -> None:
        self.page("public: plan", self.urls["public_plan"])

    @task(2)
    def indicator(self) -> None:
        self.page("public: indicator", self.urls["public_indicator"])

    @task(1)
    def open_data(self) -> None:
        self.page("public: open data", self.urls["open_data"])
