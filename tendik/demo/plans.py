"""Demo strategies and plans (written by the Tendik team from public facts), loaded through services.

Plan dates, deadlines, targets and the years in plan titles move with the timeline (see
`timeline.py`); strategies keep their real periods.
"""

import datetime
import json
from decimal import Decimal
from pathlib import Path

from tendik.organisations.models import Organisation, User
from tendik.plans import services
from tendik.plans.models import (
    Comment,
    Dimension,
    FrameworkItem,
    Indicator,
    Plan,
    PlanStatus,
    Strategy,
)
from tendik.territories.models import Territory

from .timeline import Timeline

PLANS_FILE = Path(__file__).resolve().parent / "data" / "plans.json"
LANGS = ("ru", "ky", "kk", "en")
# The path a plan takes from draft to the status the demo shows.
STATUS_PATH = {
    PlanStatus.DRAFT: [],
    PlanStatus.CONSULTATION: [PlanStatus.CONSULTATION],
    PlanStatus.APPROVED: [PlanStatus.APPROVED],
    PlanStatus.IN_FORCE: [PlanStatus.APPROVED, PlanStatus.IN_FORCE],
    PlanStatus.CLOSED: [PlanStatus.APPROVED, PlanStatus.IN_FORCE, PlanStatus.CLOSED],
}


def _date(text):
    return datetime.date.fromisoformat(text) if text else None


def _titles(row: dict, prefix: str = "title") -> dict:
    return {f"{prefix}_{lang}": row.get(f"{prefix}_{lang}", "") or "" for lang in LANGS}


def _deadline(spec: dict, timeline: Timeline) -> dict:
    kind = spec["kind"]
    if kind == "years":
        return {"deadline_kind": kind,
                "deadline_years": ",".join(str(timeline.year(y)) for y in spec["years"])}
    if kind == "date":
        return {"deadline_kind": kind, "deadline_date": timeline.date(_date(spec["date"]))}
    if kind == "period":
        return {"deadline_kind": kind, "deadline_date": timeline.date(_date(spec["start"])),
                "deadline_end": timeline.date(_date(spec["end"]))}
    return {"deadline_kind": "ongoing"}


class _Loader:
    def __init__(self, organisations: dict[str, Organisation], timeline: Timeline):
        self.data = json.loads(PLANS_FILE.read_text(encoding="utf-8"))
        self.organisations = organisations
        self.timeline = timeline
        self.countries = {t.code: t for t in Territory.objects.filter(level="country")}
        self.territories = {t.code: t for t in Territory.objects.all()}
        self.frameworks = {f.key: f for f in FrameworkItem.objects.all()}
        self.dimensions = {d.code: d for d in Dimension.objects.all()}
        self.indicators: dict[str, Indicator] = {}
        self.strategies: dict[str, Strategy] = {}

    def run(self) -> dict:
        for row in self.data["indicators"]:
            self._indicator(row)
        for row in self.data["strategies"]:
            self._strategy(row)
        created = [self._plan(row) for row in self.data["plans"]]
        return {"indicators": len(self.indicators), "strategies": len(self.strategies),
                "plans": len([p for p in created if p])}

    def _indicator(self, row: dict) -> None:
        country = self.countries[row["country"]]
        existing = Indicator.objects.filter(country=country, code=row["code"]).first()
        self.indicators[row["key"]] = existing or services.indicator_create(
            actor=None, country=country, code=row["code"],
            dimensions=[self.dimensions[d] for d in row.get("dimensions", [])],
            code_restrictions=row.get("code_restrictions"),
            targets={self.timeline.year(int(y)): v for y, v in (row.get("targets") or {}).items()},
            **_titles(row, "name"),
            **_titles(row, "definition"), unit=row["unit"], direction=row["direction"],
            aggregation=row["aggregation"],
            baseline_value=Decimal(row["baseline_value"]) if row.get("baseline_value") else None,
            baseline_year=self.timeline.year(row["baseline_year"]) if row.get("baseline_year")
            else None, data_source=row.get("data_source", ""),
            responsible=self.organisations.get(row.get("responsible") or ""),
            sdg_code=row.get("sdg_code", ""),
            disclosure_control=row.get("disclosure_control", False))

    def _strategy(self, row: dict) -> None:
        country = self.countries[row["country"]]
        existing = Strategy.objects.filter(country=country, title_ru=row["title_ru"]).first()
        if existing:
            self.strategies[row["key"]] = existing
            return
        strategy = services.strategy_create(
            actor=None, country=country, parent=self.strategies.get(row.get("parent") or ""),
            period_start=_date(row["period_start"]), period_end=_date(row["period_end"]),
            **_titles(row))
        self.strategies[row["key"]] = strategy
        for area in row.get("areas", []):
            area_item = services.strategy_item_add(actor=None, strategy=strategy, level="area",
                                                   **_titles(area))
            for objective in area.get("objectives", []):
                objective_item = services.strategy_item_add(
                    actor=None, strategy=strategy, level="objective", parent=area_item,
                    **_titles(objective))
                for task in objective.get("tasks", []):
                    services.strategy_item_add(actor=None, strategy=strategy, level="task",
                                               parent=objective_item, **_titles(task))

    def _plan(self, row: dict) -> Plan | None:
        country = self.countries[row["country"]]
        titles = {key: self.timeline.text(text) for key, text in _titles(row).items()}
        if Plan.objects.filter(country=country, title_ru=titles["title_ru"]).exists():
            return None
        act = row.get("act") or {}
        day = self.timeline.date
        plan = services.plan_create(
            actor=None, kind=row["kind"], country=country,
            strategy=self.strategies.get(row.get("strategy") or ""),
            period_start=day(_date(row["period_start"])), period_end=day(_date(row["period_end"])),
            act_type=act.get("type", ""), act_number=act.get("number", ""),
            act_date=day(_date(act.get("date"))), **titles)
        measures = {}
        for area_row in row["areas"]:
            area = services.area_add(actor=None, plan=plan, **_titles(area_row))
            for objective_row in area_row["objectives"]:
                objective = services.objective_add(actor=None, area=area, **_titles(objective_row))
                for measure_row in objective_row["measures"]:
                    measure = self._measure(objective, measure_row)
                    measures[measure.code] = measure
        path = STATUS_PATH[row["status"]]
        if row.get("comments"):
            # Comments are only taken during consultation, so the plan goes there first.
            services.plan_transition(actor=None, plan=plan, to=PlanStatus.CONSULTATION)
            self._comments(plan, row["comments"], measures)
            path = [status for status in path if status != PlanStatus.CONSULTATION]
        for status in path:
            services.plan_transition(actor=None, plan=plan, to=status)
        return plan

    def _measure(self, objective, row: dict):
        orgs = self.organisations
        return services.measure_create(
            actor=None, objective=objective, **_titles(row), **_titles(row, "expected_result"),
            **_deadline(row["deadline"], self.timeline), lead_executor=orgs[row["lead"]],
            co_executors=[orgs[key] for key in row.get("co", [])],
            partners=[orgs[key] for key in row.get("partners", [])],
            territories=[self.territories[c] for c in row.get("territories", [])
                         if c in self.territories],
            indicators=[self.indicators[key] for key in row.get("indicators", [])],
            frameworks=[self.frameworks[key] for key in row.get("frameworks", [])
                        if key in self.frameworks],
            budget_lines=[{"amount": Decimal(line["amount"]) if line.get("amount") else None,
                           "currency": line.get("currency", ""), "source": line["source"]}
                          for line in row.get("budget", [])])

    def _comments(self, plan, comments: list[dict], measures: dict) -> None:
        plan.refresh_from_db()
        coordinator = User.objects.get(username="coordinator")
        for row in comments:
            author = User.objects.get(username=row["author"])
            comment: Comment = services.comment_add(
                actor=author, plan=plan, text=row["text"],
                measure=measures.get(row.get("measure")))
            if row.get("answer"):
                services.comment_answer(actor=coordinator, comment=comment,
                                        status=row["answer"]["status"],
                                        reply=row["answer"]["reply"])


def plans_demo_load(*, organisations: dict[str, Organisation], timeline: Timeline) -> dict:
    return _Loader(organisations, timeline).run()
