"""The NAP's funding figures: who funds which measure, with how much, and what is unfunded.

Money is summed in SQL by currency (and source, project, funder), converted here with the
official rates of one `RateTable`, and every converted figure lists the rates it used. The
number of queries does not depend on the number of projects, lines or disbursements.

What is counted, and why (the page's method note and the response's `notes` say the same):
- the plan's own measure budget lines, and the budget lines of the projects linked to its measures
  (each project line once, whatever the number of measures the project covers), of the years of
  the plan; cancelled projects' budgets are not counted, their disbursements (money spent) are;
- a measure's own «donor» lines are left out when a project with a budget covers that measure:
  the project is the detailed record of the same money, and adding both would count it twice.
"""

import datetime
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from tendik.core.errors import DomainError
from tendik.core.i18n import localized, per_language
from tendik.organisations.models import Organisation
from tendik.plans.models import FundingSource, Measure, Plan, PriorityArea
from tendik.plans.selectors import plans_visible_to

from .currencies import REPORTING_CURRENCIES
from .rates import BASES, RateTable
from .sums import PlanSums

CENT = Decimal("0.01")
SOURCES = tuple(FundingSource.values)
DONOR = FundingSource.DONOR


def money(value: Decimal) -> str:
    """An amount as the API gives it: a string with two decimals («1500000.00»)."""
    return str(Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP))


def reporting_currency(code) -> str:
    """KGS, KZT, USD or EUR; anything else is a 400 on `currency`."""
    clean = (code or "").strip().upper()
    if clean not in REPORTING_CURRENCIES:
        raise DomainError(_("Валюта отчёта — одна из %(codes)s.") % {
            "codes": ", ".join(REPORTING_CURRENCIES)}, errors=[{"field": "currency", "message": _(
                "допустимо: %(codes)s") % {"codes": ", ".join(REPORTING_CURRENCIES)}}])
    return clean


def plan_funding(user, *, plan_id, currency: str | None = None,
                 on: datetime.date | None = None) -> dict:
    """The funding figures of a plan the user sees (else 404) in a reporting currency (default:
    the plan country's own): planned amounts at the rates of `on` (default today),
    disbursements at the rates of their own dates."""
    if currency:
        currency = reporting_currency(currency)
    plan = plans_visible_to(user).filter(pk=plan_id).first()
    if plan is None:
        raise DomainError(_("План не найден"), code="not_found")
    currency = currency or national_currency(plan)
    on = on or timezone.localdate()
    money_in = PlanSums(plan)
    table = RateTable(money_in.currencies(), [on, *money_in.disbursement_dates()],
                      to=currency, bases=_bases(plan))
    figures = _Figures(plan, table, currency, on, money_in)
    return figures.document()


def national_currency(plan: Plan) -> str:
    return "KZT" if plan.country.code == "KZ" else "KGS"


def _bases(plan: Plan) -> tuple[str, ...]:
    """A Kazakh plan converts through the tenge first, a Kyrgyz one through the som."""
    return ("KZT", "KGS") if national_currency(plan) == "KZT" else BASES


def _zero_sources() -> dict:
    return dict.fromkeys(SOURCES, Decimal(0))


class _Figures:
    """Adds the converted sums up by source, partner, priority area and measure."""

    def __init__(self, plan: Plan, table: RateTable, currency: str, on, sums: PlanSums):
        self.plan, self.table, self.currency, self.on, self.sums = plan, table, currency, on, sums
        self.rates_planned, self.rates_disbursed, self._factors = set(), set(), {}
        self.measures = [{"id": m["id"], "code": m["code"], "title": localized(m, "title").text,
                          "area": m["objective__area_id"]}
                         for m in Measure.objects.filter(plan=plan).values(
                             "id", "code", *per_language("title"), "objective__area_id")]
        self.area_of = {m["id"]: m["area"] for m in self.measures}
        self.by_source, self.by_partner, self.paid_by_partner = _zero_sources(), {}, {}
        self.by_area = defaultdict(lambda: {"sources": _zero_sources(), "disbursed": Decimal(0)})
        self.by_measure = defaultdict(lambda: {"sources": _zero_sources(),
                                               "disbursed": Decimal(0), "partners": set()})
        self.disbursed, self.funded, self.not_required, self.left_out = Decimal(0), set(), set(), 0
        self.covered = sums.covered
        self._add_own()
        self._add_projects()
        self._add_disbursements()

    def _convert(self, amount: Decimal, currency: str, on, used: set) -> Decimal:
        """The amount in the reporting currency; the factor of a currency and day is found once."""
        key = (currency, on)
        if key not in self._factors:
            self._factors[key] = self.table.convert(Decimal(1), currency, self.currency, on)
        factor = self._factors[key]
        used.update(factor.rates)
        return amount * factor.amount

    def _plan_money(self, measure_id, source: str, amount: Decimal) -> None:
        self.by_source[source] += amount
        self.by_area[self.area_of.get(measure_id)]["sources"][source] += amount
        if measure_id is not None:
            self.by_measure[measure_id]["sources"][source] += amount

    def _add_own(self) -> None:
        for row in self.sums.own:
            measure_id, source = row["measure_id"], row["source"]
            if row["total"] is None:  # «не требуется» has no amount
                self.not_required.add(measure_id)
                continue
            if source == DONOR and measure_id in self.covered:
                self.left_out += 1
                continue
            if row["total"] > 0:
                self.funded.add(measure_id)
            self._plan_money(measure_id, source, self._convert(
                row["total"], row["currency"], self.on, self.rates_planned))

    def _add_projects(self) -> None:
        for row in self.sums.lines:
            measure_id, partner_id = row["measure_to"], row["partner"]
            amount = self._convert(row["total"], row["currency"], self.on, self.rates_planned)
            self._plan_money(measure_id, row["source"], amount)
            self.by_partner[partner_id] = self.by_partner.get(partner_id, Decimal(0)) + amount
            if measure_id is not None:
                self.funded.add(measure_id)
                self.by_measure[measure_id]["partners"].add(partner_id)
        self.funded |= self.covered

    def _add_disbursements(self) -> None:
        for row in self.sums.paid:
            measure_id, partner_id = row["measure_to"], row["partner"]
            amount = self._convert(row["total"], row["currency"], row["date"],
                                   self.rates_disbursed)
            self.disbursed += amount
            self.paid_by_partner[partner_id] = self.paid_by_partner.get(partner_id,
                                                                        Decimal(0)) + amount
            self.by_area[self.area_of.get(measure_id)]["disbursed"] += amount
            if measure_id is not None:
                self.by_measure[measure_id]["disbursed"] += amount

    def document(self) -> dict:
        planned = sum(self.by_source.values(), Decimal(0))
        names = _organisation_names(set(self.by_partner) | set(self.paid_by_partner)
                                    | {p for m in self.by_measure.values() for p in m["partners"]})
        return {
            "plan": {"id": self.plan.pk, "title": self.plan.title},
            "currency": self.currency, "valued_on": self.on,
            "total": money(planned), "planned": money(planned), "disbursed": money(self.disbursed),
            "by_source": {source: money(value) for source, value in self.by_source.items()},
            "by_partner": self._partners(names),
            "by_area": self._areas(),
            "measures": [self._measure(m, names) for m in self.measures],
            "unfunded_measures": [{"id": m["id"], "code": m["code"], "title": m["title"]}
                                  for m in self.measures if m["id"] not in self.funded
                                  and m["id"] not in self.not_required],
            "not_required_measures": len(self.not_required),
            "rates": _rates(self.rates_planned | self.rates_disbursed),
            "rates_planned": _rates(self.rates_planned),
            "rates_disbursed": _rates(self.rates_disbursed),
            "notes": self._notes(),
        }

    def _partners(self, names: dict) -> list[dict]:
        ids = sorted(set(self.by_partner) | set(self.paid_by_partner),
                     key=lambda p: (-self.by_partner.get(p, 0), p is None, names.get(p, "")))
        return [{"organisation": p, "name": names.get(p) or _("не указан"),
                 "amount": money(self.by_partner.get(p, 0)),
                 "disbursed": money(self.paid_by_partner.get(p, 0))} for p in ids]

    def _areas(self) -> list[dict]:
        areas = list(PriorityArea.objects.filter(plan=self.plan).order_by("position"))
        rows = [(a.pk, a.code, a.title) for a in areas]
        if None in self.by_area:
            rows.append((None, "", _("Проекты по нескольким мероприятиям")))
        return [{"id": pk, "code": code, "title": title,
                 "amount": money(sum(self.by_area[pk]["sources"].values(), Decimal(0))),
                 "by_source": {s: money(v) for s, v in self.by_area[pk]["sources"].items()},
                 "disbursed": money(self.by_area[pk]["disbursed"])} for pk, code, title in rows]

    def _measure(self, measure: dict, names: dict) -> dict:
        figures = self.by_measure.get(measure["id"]) or {
            "sources": _zero_sources(), "disbursed": Decimal(0), "partners": set()}
        partners = sorted(figures["partners"], key=lambda p: (p is None, names.get(p, "")))
        return {**{key: measure[key] for key in ("id", "code", "title")},
                "planned": money(sum(figures["sources"].values(), Decimal(0))),
                "disbursed": money(figures["disbursed"]),
                "sources": {s: money(v) for s, v in figures["sources"].items()},
                "partners": [{"organisation": p, "name": names.get(p) or _("не указан")}
                             for p in partners],
                "not_required": measure["id"] in self.not_required}

    def _notes(self) -> list[str]:
        notes = [
            _("Плановые суммы пересчитаны по официальным курсам на %(date)s (последний курс "
              "не старше 14 дней), выплаты — по курсам на даты выплат.")
            % {"date": f"{self.on:%d.%m.%Y}"},
            _("Учтены строки бюджета мероприятий плана и строки бюджета проектов, связанных с его "
              "мероприятиями, за годы плана; строка проекта учитывается один раз, даже если "
              "проект охватывает несколько мероприятий. Бюджеты отменённых проектов не учтены."),
            _("Донорские строки бюджета мероприятия не учитываются, если мероприятие охватывает "
              "проект с бюджетом: проект — подробная запись тех же средств, иначе они были бы "
              "посчитаны дважды."),
            _("По партнёрам показаны средства проектов: кто финансирует строку, иначе "
              "единственный донор проекта."),
        ]
        if self.left_out:
            notes.append(_("Не учтено донорских строк мероприятий по этому правилу: %(n)s.")
                         % {"n": self.left_out})
        return notes


def _rates(used: set) -> list[dict]:
    return [rate.as_dict() for rate in sorted(used, key=lambda r: (r.date, r.base, r.currency))]


def _organisation_names(ids: set) -> dict:
    organisations = Organisation.objects.filter(pk__in=[i for i in ids if i is not None]).only(
        "id", "name_ru", "name_ky", "name_kk", "name_en")
    return {o.pk: o.name for o in organisations}
