"""The demo's partners: exchange rates, projects, meetings with their agreements, commitments.

Written by the Tendik team for the demo from the seeds' public facts (a minister receiving UN
Women's representative, Kazakhstan's Deputy Prime Minister meeting UN Women, the Spotlight
consultation on the Coalition of Action against gender-based violence, the EU-funded «ДаткАйым»
project). Everything goes through the partners' services and is dated relative to the day of
loading; loading again changes nothing.

The exchange rates are generated, not official: a smooth deterministic curve per currency in the
ranges the national banks published, stored with a source that says so.
"""

import datetime
import hashlib
import json
import math
from decimal import Decimal
from pathlib import Path

from tendik.core.services import model_update
from tendik.organisations.models import Organisation, Person, User
from tendik.partners.commitments.services import (
    commitment_create,
    commitment_progress_save,
    commitment_publish,
)
from tendik.partners.engagements.services import engagement_create, follow_up_update
from tendik.partners.models import Commitment, Engagement, ExchangeRate, FollowUpStatus, Project
from tendik.partners.money.services import exchange_rates_import
from tendik.partners.projects.services import disbursement_add, project_create
from tendik.plans.models import FrameworkItem, Indicator, Measure
from tendik.territories.models import Territory

from .timeline import Timeline

PARTNERS_FILE = Path(__file__).resolve().parent / "data" / "partners.json"
# Who records the partners' work in the demo: each country's coordinator.
RECORDED_BY = {"KG": "coordinator", "KZ": "coordinator-kz"}
DATES_IN_THE_PAST = "демонстрационные данные: даты в прошлом"

RATE_SOURCE = "демонстрационные данные (не официальные курсы)"
RATE_YEARS = 6
# A fixed origin, so a day's rate does not depend on the day the demo is loaded.
RATE_ORIGIN = datetime.date(2020, 1, 1)
# Per series: centre, swing around it, the swing's period in days, its phase, daily noise (share).
CURVES = {
    "USD/KGS": (87.5, 0.9, 1100, 0.4, 0.0004),
    "EUR/KGS": (98.0, 3.0, 800, 1.9, 0.0015),
    "RUB/KGS": (1.025, 0.07, 650, 3.1, 0.003),
    "USD/KZT": (490.0, 18.0, 950, 5.2, 0.001),
}


def _noise(series: str, day: datetime.date) -> float:
    """A number in [-1, 1] fixed by the series and the day (no random state to seed)."""
    digest = hashlib.blake2b(f"{series}:{day.isoformat()}".encode(), digest_size=4).digest()
    return int.from_bytes(digest, "big") / 0xFFFFFFFF * 2 - 1


def _curve(series: str, day: datetime.date) -> float:
    centre, swing, period, phase, noise = CURVES[series]
    days = (day - RATE_ORIGIN).days
    level = centre + swing * math.sin(2 * math.pi * days / period + phase)
    return level * (1 + noise * _noise(series, day))


def _day_rates(day: datetime.date) -> list[tuple[str, str, Decimal]]:
    """(base, currency, rate) of one day. The Kazakh table is derived from the Kyrgyz one through
    USD, so cross rates agree whichever table a conversion goes through."""
    usd, eur, rub = (_curve(s, day) for s in ("USD/KGS", "EUR/KGS", "RUB/KGS"))
    usd_kzt = _curve("USD/KZT", day)
    kzt = usd / usd_kzt  # KGS for one tenge
    four, two = Decimal("0.0001"), Decimal("0.01")
    return [
        ("KGS", "USD", Decimal(usd).quantize(four)), ("KGS", "EUR", Decimal(eur).quantize(four)),
        ("KGS", "RUB", Decimal(rub).quantize(four)), ("KGS", "KZT", Decimal(kzt).quantize(four)),
        ("KZT", "USD", Decimal(usd_kzt).quantize(two)),
        ("KZT", "EUR", Decimal(eur / kzt).quantize(two)),
        ("KZT", "RUB", Decimal(rub / kzt).quantize(two)),
        ("KZT", "KGS", Decimal(1 / kzt).quantize(two)),
    ]


def demo_rates(today: datetime.date) -> list[dict]:
    """Rows for the rate import: every business day from six years back to today."""
    leap_day = (today.month, today.day) == (2, 29)  # no twin six years back
    start = today.replace(year=today.year - RATE_YEARS, day=28 if leap_day else today.day)
    rows = []
    for offset in range((today - start).days + 1):
        day = start + datetime.timedelta(days=offset)
        if day.weekday() < 5:
            rows += [{"date": day.isoformat(), "base": base, "currency": currency,
                      "rate": str(rate)} for base, currency, rate in _day_rates(day)]
    return rows


def _rates_missing(rows: list[dict]) -> list[dict]:
    """Only days with no rate yet: a real rate imported earlier is never replaced by a demo one."""
    first = min(row["date"] for row in rows)
    have = {(base, currency, day.isoformat()) for base, currency, day in
            ExchangeRate.objects.filter(date__gte=first).values_list("base", "currency", "date")}
    return [row for row in rows if (row["base"], row["currency"], row["date"]) not in have]


def _rates_load(today: datetime.date) -> int:
    rows = _rates_missing(demo_rates(today))
    if not rows:
        return 0
    return exchange_rates_import(actor=None, rows=rows, source=RATE_SOURCE).created


def _date(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


class _Loader:
    """Loads partners.json through the services; a row whose title is already there is kept."""

    def __init__(self, organisations: dict[str, Organisation], people: dict[str, Person],
                 timeline: Timeline):
        self.data = json.loads(PARTNERS_FILE.read_text(encoding="utf-8"))
        self.organisations, self.people, self.timeline = organisations, people, timeline
        self.countries = {t.code: t for t in Territory.objects.filter(level="country")}
        self.actors = {code: User.objects.get(username=name) for code, name in RECORDED_BY.items()}
        self.projects: dict[str, Project] = {}

    def run(self) -> dict:
        return {"projects": sum(self._project(row) for row in self.data["projects"]),
                "engagements": sum(self._engagement(row) for row in self.data["engagements"]),
                "commitments": sum(self._commitment(row) for row in self.data["commitments"])}

    def _day(self, row: dict) -> datetime.date:
        """A fixture date moved by whole years, or a number of days before today."""
        if "days_ago" in row:
            return self.timeline.today - datetime.timedelta(days=row["days_ago"])
        return self.timeline.date(_date(row["date"]))

    def _measures(self, country, fragments: list[str]) -> list[Measure]:
        # One measure per fragment, or the load stops: a renamed measure must not go unnoticed.
        return [Measure.objects.get(plan__country=country, title_ru__contains=fragment)
                for fragment in fragments]

    def _organisation(self, key: str | None) -> Organisation | None:
        return self.organisations[key] if key else None

    def _project(self, row: dict) -> bool:
        country = self.countries[row["country"]]
        existing = Project.objects.filter(country=country, title_ru=row["title_ru"]).first()
        if existing:
            self.projects[row["key"]] = existing
            return False
        actor = self.actors[row["country"]]
        project = project_create(
            actor=actor, country=country, is_demo=True, code=row["code"], summary=row["summary"],
            **{f"title_{lang}": row[f"title_{lang}"] for lang in ("ru", "ky", "kk", "en")},
            period_start=self.timeline.date(_date(row["start"])),
            period_end=self.timeline.date(_date(row["end"])), status=row["status"],
            partners=[{"organisation": self.organisations[key], "role": role}
                      for key, role in row["partners"]],
            budget=[{**line, "year": self.timeline.year(line["year"]),
                     "funder": self._organisation(line.get("funder")),
                     "measure": (self._measures(country, [line["measure"]])[0]
                                 if line.get("measure") else None)} for line in row["budget"]],
            territories=row["territories"], measures=self._measures(country, row["measures"]),
            frameworks=[FrameworkItem.objects.get(kind=key.split(":")[0], code=key.split(":")[1])
                        for key in row["frameworks"]])
        for payment in row["disbursements"]:
            disbursement_add(actor=actor, project=project, date=self._day(payment),
                             amount=payment["amount"], currency=payment["currency"],
                             funder=self._organisation(payment.get("funder")),
                             note=payment.get("note", ""))
        self.projects[row["key"]] = project
        return True

    def _participant(self, row: dict) -> dict:
        if "person" in row:  # their name, position and organisation as the directory has them
            return {"person": self.people[row["person"]]}
        return {"name": row["name"], "position": row["position"],
                "organisation": self.organisations[row["organisation"]]}

    def _engagement(self, row: dict) -> bool:
        country = self.countries[row["country"]]
        if Engagement.objects.filter(country=country, title_ru=row["title_ru"]).exists():
            return False
        actor, day = self.actors[row["country"]], self._day(row)
        engagement = engagement_create(
            actor=actor, country=country, kind=row["kind"], date=day, place=row["place"],
            **{f"title_{lang}": row[f"title_{lang}"] for lang in ("ru", "ky", "kk", "en")},
            summary=row["summary"], topics=row["topics"], is_demo=True,
            organisations=[self.organisations[key] for key in row["organisations"]],
            participants=[self._participant(person) for person in row["participants"]],
            follow_ups=[{"text": item["text"], "owner": self.organisations[item["owner"]],
                         "due_date": self.timeline.today
                         + datetime.timedelta(days=item["due_in_days"])}
                        for item in row["follow_ups"]],
            projects=[self.projects[key] for key in row["projects"]])
        agreed = {item.text: item for item in engagement.follow_ups.all()}
        for item in row["follow_ups"]:
            if item.get("status", FollowUpStatus.OPEN) != FollowUpStatus.OPEN:
                self._follow_up_move(actor, agreed[item["text"]], item)
        return True

    def _follow_up_move(self, actor, follow_up, item: dict) -> None:
        follow_up = follow_up_update(actor=actor, follow_up=follow_up, version=follow_up.version,
                                     status=item["status"], note=item.get("note", ""))
        if "done_days_ago" in item:
            # The service stamps today; the story has it done on time, weeks ago (audited).
            model_update(instance=follow_up, actor=None, reason=DATES_IN_THE_PAST, data={
                "done_on": self.timeline.today - datetime.timedelta(days=item["done_days_ago"])})

    def _commitment(self, row: dict) -> bool:
        country = self.countries[row["country"]]
        if Commitment.objects.filter(country=country, title_ru=row["title_ru"]).exists():
            return False
        actor = self.actors[row["country"]]
        cedaw = row.get("cedaw_item", "").split(":")
        commitment = commitment_create(
            actor=actor, country=country, made_by=self.organisations[row["made_by"]],
            framework=row["framework"], action_coalition=row.get("action_coalition", ""),
            action_area=row.get("action_area", ""),
            cedaw_item=FrameworkItem.objects.get(kind=cedaw[0], code=cedaw[1])
            if len(cedaw) == 2 else None,
            **{f"{name}_{lang}": row.get(f"{name}_{lang}", "")
               for name in ("title", "text") for lang in ("ru", "ky", "kk", "en")},
            made_on=self.timeline.date(_date(row["made_on"])),
            target_date=self.timeline.date(_date(row["target_date"])),
            measures=self._measures(country, row["measures"]),
            indicators=[Indicator.objects.get(country=country, code=code)
                        for code in row["indicators"]], is_demo=True)
        for progress in row["progress"]:
            commitment_progress_save(actor=actor, commitment=commitment,
                                     year=self.timeline.year(progress["year"]),
                                     status=progress["status"], text=progress["text"],
                                     percent=progress["percent"])
        if row["published"]:
            commitment_publish(actor=actor, commitment=commitment, published=True)
        return True


def partners_demo_load(*, organisations: dict[str, Organisation], people: dict[str, Person],
                       timeline: Timeline) -> dict:
    """Counts of what this load added (all zero on a second load of the same day)."""
    return {"exchange_rates": _rates_load(timeline.today),
            **_Loader(organisations, people, timeline).run()}
