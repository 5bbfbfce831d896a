"""The demo's local committees for protection from family violence, help services and their
monthly figures.

Written by the Tendik team after seed 004: fourteen committees set up by local self-government
bodies (ОМСУ) in every region on the model regulation of МТСОиМ and ГКС. Members' names, act
numbers, the demo hotline and every figure are invented; the only real phone numbers are the
emergency lines 102 and 103. Everything goes through the committees' services; dates follow the
day of loading, and loading again adds nothing.

The monthly figures are drawn from a generator seeded by the body and the month, so they are the
same on every load: counts only, parts adding up to their totals, small for rural committees (so
the public figures show suppressed cells) and larger for crisis centres.
"""

import datetime
import json
import random
from pathlib import Path

from django.utils import timezone

from tendik.committees.directory.services import help_service_create
from tendik.committees.models import Committee, HelpService, MonthlyStatistics, StatisticsState
from tendik.committees.network.services import committee_create, meeting_add, member_add
from tendik.committees.statistics.months import months_since
from tendik.committees.statistics.services import statistics_save, statistics_transition
from tendik.core.services import model_update
from tendik.organisations import services as org_services
from tendik.organisations.models import Organisation, OrganisationKind, Person, User
from tendik.territories.models import Territory

from .partners import DATES_IN_THE_PAST
from .timeline import Timeline

COMMITTEES_FILE = Path(__file__).resolve().parent / "data" / "committees.json"
# Who records the network and reviews the forms: each country's coordinator. Tamchy's forms and
# meetings are kept by its secretary, the demo `committee` login.
RECORDED_BY = {"KG": "coordinator", "KZ": "coordinator-kz"}
SECRETARY = ("committee", "ao-tamchy")
MONTHS = 18
S = StatisticsState
# Shares of each part in its breakdown (appeals by violence type, people by sex and age group,
# referrals by service), roughly as local committees report them.
WEIGHTS = {
    "appeals": {"appeals_psychological": 5, "appeals_physical": 4, "appeals_economic": 2,
                "appeals_sexual": 1},
    "sex": {"persons_women": 9, "persons_men": 1},
    "age": {"persons_age_0_17": 1, "persons_age_18_29": 4, "persons_age_30_44": 5,
            "persons_age_45_59": 2, "persons_age_60_99": 1},
    "referrals": {"referrals_police": 4, "referrals_health": 2, "referrals_shelter": 1,
                  "referrals_legal_aid": 2, "referrals_social_protection": 3},
}


def _split(rng: random.Random, total: int, weights: dict[str, int]) -> dict[str, int]:
    parts = dict.fromkeys(weights, 0)
    for key in rng.choices(list(weights), weights=list(weights.values()), k=total):
        parts[key] += 1
    return parts


def demo_counts(seed: str, low: int, high: int) -> dict[str, int]:
    """One month's consistent counts: every breakdown adds up to its total."""
    rng = random.Random(seed)  # noqa: S311 — repeatable demo figures, not secrets
    appeals = round(rng.triangular(low, high, low + (high - low) / 3))
    # Some people appeal more than once in a month.
    persons = appeals - rng.randint(0, appeals // 5)
    referrals = rng.randint(appeals // 3, appeals)
    orders = rng.randint(0, appeals // 3)
    return {"appeals_total": appeals, **_split(rng, appeals, WEIGHTS["appeals"]),
            "persons_total": persons, **_split(rng, persons, WEIGHTS["sex"]),
            **_split(rng, persons, WEIGHTS["age"]), "protection_orders_total": orders,
            "referrals_total": referrals, **_split(rng, referrals, WEIGHTS["referrals"]),
            "correctional_programmes_total": rng.randint(0, orders)}


def last_full_months(today: datetime.date, count: int = MONTHS) -> list[datetime.date]:
    """The `count` full months before today's, oldest first."""
    last = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    return list(reversed(months_since(last - datetime.timedelta(days=31 * count), last)[:count]))


class _Loader:
    def __init__(self, organisations: dict[str, Organisation], people: dict[str, Person],
                 timeline: Timeline):
        self.data = json.loads(COMMITTEES_FILE.read_text(encoding="utf-8"))
        self.organisations, self.people, self.timeline = dict(organisations), people, timeline
        self.countries = {t.code: t for t in Territory.objects.filter(level="country")}
        self.actors = {code: User.objects.get(username=name) for code, name in RECORDED_BY.items()}
        self.secretary = User.objects.get(username=SECRETARY[0])
        self.bodies: dict[str, Committee | HelpService] = {}

    def run(self) -> dict:
        found = {"organisations": self._organisations(), "committees": 0, "members": 0,
                 "meetings": 0}
        for row in self.data["committees"]:
            for key, added in self._committee(row).items():
                found[key] += added
        found["help_services"] = sum(self._service(row) for row in self.data["help_services"])
        found["statistics"] = self._statistics()
        return found

    def _organisation(self, row: dict, kind: str, country: Territory) -> bool:
        existing = Organisation.objects.filter(country=country, name_ru=row["name_ru"]).first()
        self.organisations[row["key"]] = existing or org_services.organisation_create(
            actor=None, kind=kind, country=country,
            territory=Territory.objects.get(code=row["territory"]),
            **{f"name_{lang}": row[f"name_{lang}"] for lang in ("ru", "ky", "kk", "en")})
        return existing is None

    def _organisations(self) -> int:
        """The ОМСУ of the seed's committees that the directory lacks, and a Kazakh centre."""
        kg = self.countries["KG"]
        return (sum(self._organisation(row, OrganisationKind.LSG, kg)
                    for row in self.data["new_lsg"])
                + sum(self._organisation(row, OrganisationKind.CRISIS_CENTRE,
                                         self.countries[row["country"]])
                      for row in self.data["new_centres"]))

    def _act(self, row: dict, established: datetime.date) -> str:
        regulation = self.data["model_regulation"]
        regulation_date = self.timeline.date(datetime.date.fromisoformat(regulation["date"]))
        return self.data["act_template"].format(
            by=row["act_by"], date=f"{established:%d.%m.%Y}", number=row["act_number"],
            regulation_date=f"{regulation_date:%d.%m.%Y}",
            regulation_number=regulation["number"])

    def _committee(self, row: dict) -> dict:
        organisation = self.organisations[row["organisation"]]
        committee = Committee.objects.filter(organisation=organisation).first()
        created = committee is None
        if created:
            established = self.timeline.date(datetime.date.fromisoformat(row["established"]))
            committee = committee_create(
                actor=self.actors["KG"], organisation=organisation,
                territory=organisation.territory, established=established,
                act=self._act(row, established), status=row["status"], is_demo=True)
        self.bodies[row["organisation"]] = committee
        actor = self._keeper(row["organisation"])
        return {"committees": int(created),
                "members": sum(self._member(actor, committee, m) for m in row["members"]),
                "meetings": sum(self._meeting(actor, committee, m) for m in row["meetings"])}

    def _keeper(self, key: str) -> User:
        """Who keeps a body's records: Tamchy's secretary for Tamchy, else the coordinator."""
        if key == SECRETARY[1]:
            return self.secretary
        body_country = self.bodies[key].country.code if key in self.bodies else "KG"
        return self.actors[body_country]

    def _member(self, actor, committee: Committee, member: list[str]) -> bool:
        name, institution, role, position = member
        person = self.people[name.removeprefix("person:")] if name.startswith("person:") else None
        if committee.members.filter(name=person.full_name if person else name).exists():
            return False
        member_add(actor=actor, committee=committee, institution=institution,
                   name="" if person else name, position=position, person=person, role=role)
        return True

    def _meeting(self, actor, committee: Committee, meeting: dict) -> bool:
        day = self.timeline.today - datetime.timedelta(days=meeting["days_ago"])
        if committee.meetings.filter(date=day, agenda=meeting["agenda"]).exists():
            return False
        meeting_add(actor=actor, committee=committee, date=day, agenda=meeting["agenda"],
                    decisions=meeting["decisions"], attended_women=meeting["women"],
                    attended_men=meeting["men"])
        return True

    def _service(self, row: dict) -> bool:
        organisation = self.organisations[row["organisation"]]
        existing = HelpService.objects.filter(organisation=organisation,
                                              name_ru=row["name_ru"]).first()
        service = existing or help_service_create(
            actor=self.actors[row["country"]], organisation=organisation,
            country=self.countries[row["country"]],
            **{f"name_{lang}": row[f"name_{lang}"] for lang in ("ru", "ky", "kk", "en")},
            services=row["services"], hours=row["hours"], phone=row["phone"],
            languages=row["languages"], accessibility=row["accessibility"],
            shelter_beds=row.get("shelter_beds"),
            territories=list(Territory.objects.filter(code__in=row["territories"])),
            national_hotline=row.get("national_hotline", False), is_demo=True)
        if "figures" in row:
            self.bodies[row["organisation"]] = service
        return existing is None

    def _statistics(self) -> int:
        """Eighteen full months per active committee and crisis centre, mostly accepted."""
        figures = {row["organisation"]: row["figures"] for row in self.data["help_services"]
                   if "figures" in row}
        added = 0
        for key, body in self.bodies.items():
            if isinstance(body, Committee) and body.status != "active":
                continue
            low, high = figures.get(key, self.data["committee_figures"])
            for month in last_full_months(self.timeline.today):
                added += self._month(key, body, month, low, high)
        draft = self.data["statistics_states"]["draft_this_month"]
        low, high = self.data["committee_figures"]
        # This month is not over: a draft with the first weeks' figures.
        added += self._month(draft, self.bodies[draft], self.timeline.today.replace(day=1),
                             low, high // 3)
        return added

    def _month(self, key: str, body, month: datetime.date, low: int, high: int) -> bool:
        field = "committee" if isinstance(body, Committee) else "service"
        if MonthlyStatistics.objects.filter(**{field: body, "month": month}).exists():
            return False
        seed = f"{key}:{month:%Y-%m}"
        row, _created = statistics_save(actor=self._keeper(key), **{field: body}, month=month,
                                        counts=demo_counts(seed, low, high),
                                        comment=self._comment(seed))
        self._review(key, row, month)
        return True

    def _comment(self, seed: str) -> str:
        rng = random.Random(f"comment:{seed}")  # noqa: S311 — repeatable, not a secret
        return rng.choice(self.data["comments"]) if rng.random() < 0.15 else ""

    def _review(self, key: str, row: MonthlyStatistics, month: datetime.date) -> None:
        """Submitted and accepted, except the last month of a few bodies (still in review or
        returned) and this month's draft."""
        states = self.data["statistics_states"]
        if month == self.timeline.today.replace(day=1):
            return
        keeper, coordinator = self._keeper(key), self.actors[row.country.code]
        row = statistics_transition(actor=keeper, row=row, to=S.SUBMITTED)
        last = month == last_full_months(self.timeline.today, 1)[0]
        if last and key in states["submitted"]:
            return self._backdate(row, month)
        if last and key in states["returned"]:
            row = statistics_transition(actor=coordinator, row=row, to=S.RETURNED,
                                        note=states["returned"][key])
            return self._backdate(row, month)
        row = statistics_transition(actor=coordinator, row=row, to=S.ACCEPTED)
        self._backdate(row, month)

    def _backdate(self, row: MonthlyStatistics, month: datetime.date) -> None:
        """The services stamp now; in the story each form came in early the next month and
        was reviewed a few days later (audited, never after now)."""
        now = timezone.now()
        next_month = (month + datetime.timedelta(days=32)).replace(day=1)
        start = datetime.datetime.combine(next_month, datetime.time(10),
                                          tzinfo=timezone.get_current_timezone())
        data = {"submitted_at": min(start + datetime.timedelta(days=3), now)}
        if row.reviewed_at:
            data["reviewed_at"] = min(start + datetime.timedelta(days=7), now)
        model_update(instance=row, actor=None, reason=DATES_IN_THE_PAST, data=data)


def committees_demo_load(*, organisations: dict[str, Organisation], people: dict[str, Person],
                         timeline: Timeline) -> dict:
    """Counts of what this load added (all zero on a second load of the same day)."""
    return _Loader(organisations, people, timeline).run()
