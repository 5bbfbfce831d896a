"""Demo reporting along a timeline anchored to the day of loading (ours, from the seeds' facts).

- The previous NAP and the 2021–2022 roadmap: every yearly period accepted and closed, with the
  activities of seed 004 and seed 001 as structured records.
- The NAP in force: last year accepted; the previous half-year still open, all accepted but for
  a few named reports that are really late; the current half-year open, due in the future, with
  reports in every state.
- Kazakhstan's plan: last year accepted, the current half-year open.

Everything goes through the reporting services; only the dates of past submissions are set
afterwards (audited), because the services stamp "now".
"""

import datetime
import functools

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tendik.core.services import model_update
from tendik.organisations.models import Organisation
from tendik.plans.models import Indicator, Measure, Plan, PlanStatus
from tendik.reporting import services
from tendik.reporting.models import Report, ReportingPeriod
from tendik.territories.models import Territory

from .content import (
    PLACES,
    activities_for,
    docx_note,
    indicator_values,
    pdf_note,
    progress_data,
    seeded,
    status_for,
)
from .timeline import Timeline, year_bounds

D = datetime.date
# (title, kind, start, end, venue, women, men, total, audiences, measure title fragment)
SEED_004 = [
    ("Тренинги для более 70 ответственных по гендерным вопросам государственных органов и ОМСУ",
     "training", D(2022, 4, 4), D(2022, 4, 29), "Бишкек", 54, 17, 74,
     "civil_servants,lsg_staff", "Обучение ответственных по гендерным вопросам"),
    ("Общественные диалоги с представителями религиозных организаций во всех 7 регионах",
     "public_dialogue", D(2022, 5, 10), D(2022, 9, 30), "все 7 областей", 38, 136, 174,
     "religious_leaders", "Общественные диалоги с представителями религиозных"),
    ("Информационная кампания в 38 школах о профориентации и недопущении ранних браков",
     "campaign", D(2022, 9, 15), D(2022, 11, 30), "38 школ в регионах", 356, 251, 612,
     "pupils,teachers", "Информационная кампания в школах"),
    ("Тренинги по гендерно-чувствительной журналистике для журналистов и блогеров", "training",
     D(2022, 6, 20), D(2022, 6, 22), "Бишкек", 21, 9, 30, "journalists",
     "гендерно-чувствительной журналистики"),
    ("Создание 14 местных комитетов по охране и защите от семейного насилия", "body",
     D(2022, 3, 1), D(2022, 12, 20), "14 айыл окмоту во всех областях", 0, 0, 0, "lsg_staff",
     "Создание местных комитетов"),
]
SEED_001 = [
    ("Расширенное заседание Межведомственной рабочей группы по проектам НСГР-2030 и НПД",
     "meeting", D(2021, 10, 12), D(2021, 10, 13), "Бишкек, отель «Шератон»", 41, 19, 60,
     "civil_servants,cso_activists", ""),
    ("Национальные и региональные консультации по проектам Стратегии и Плана действий",
     "consultation", D(2021, 6, 1), D(2021, 9, 30), "все области", 210, 95, 305,
     "civil_servants,lsg_staff,cso_activists", ""),
]
SEED_REPORTER = "МТСОиМ"
# Late in the previous half-year: still drafts after the due date (organisation keys).
LATE = ("ppp-batken", "ao-pokrovka", "mkismp")
# The demo focal point's organisation keeps a draft in the current half-year to fill in.
KEEP_DRAFT = ("mon",)
RETURN_COMMENT = "Укажите число участников с разбивкой по полу и приложите список участников."
# Half-year reports carry progress only: the figures come with the annual report.
HALF_YEAR_NOTE = "Значения индикаторов будут внесены в годовой отчёт после публикации данных Нацстаткома."


class _Story:
    def __init__(self, timeline: Timeline, organisations: dict[str, Organisation]):
        self.timeline = timeline
        self.keys = {organisation.pk: key for key, organisation in organisations.items()}
        self.created = 0

    @functools.cache  # noqa: B019 — one story per load; the places of two countries
    def places(self, plan: Plan) -> list[tuple[str, int | None]]:
        ids = dict(Territory.objects.filter(country_code=plan.country.code).values_list(
            "code", "pk"))
        return [(venue, ids.get(code)) for venue, code in PLACES.get(plan.country.code, [])] \
            or [(plan.country.name_ru, None)]

    # Periods ------------------------------------------------------------------------------

    def period(self, plan: Plan, kind: str, start: D, end: D) -> ReportingPeriod | None:
        """A new open period, or None when it exists (the demo was loaded before)."""
        if ReportingPeriod.objects.filter(plan=plan, start=start, end=end).exists():
            return None
        period = services.period_create(actor=None, plan=plan, kind=kind, start=start, end=end,
                                        due_date=self.timeline.due(end))
        services.period_transition(actor=None, period=period, to="open")
        self.created += 1
        return period

    def accepted_year(self, plan: Plan, year: int, seeds=()) -> None:
        period = self.period(plan, "year", *year_bounds(year))
        if period is None:
            return
        for report in self.reports(period):
            self.complete(report, seeds if report.organisation.acronym == SEED_REPORTER else ())
            self.accept(report)
        services.period_transition(actor=None, period=period, to="closed")

    def late_half(self, plan: Plan) -> None:
        period = self.period(plan, "half_year", *self.timeline.previous_half())
        if period is None:
            return
        for index, report in enumerate(self.reports(period)):
            if self.keys.get(report.organisation_id) in LATE:
                if index % 2:
                    self.fill_progress(report, "in_progress")
                continue
            self.complete(report)
            self.accept(report)

    def current_half(self, plan: Plan) -> None:
        """Reports in every state: draft, submitted, returned, resubmitted, accepted."""
        period = self.period(plan, "half_year", *self.timeline.current_half())
        if period is None:
            return
        for index, report in enumerate(self.reports(period)):
            step = 0 if self.keys.get(report.organisation_id) in KEEP_DRAFT else index % 5
            if step == 0:
                continue
            self.fill_progress(report, "in_progress")
            note = HALF_YEAR_NOTE
            services.report_act(actor=None, report=report, action="submit", note=note)
            if step >= 2:
                services.report_act(actor=None, report=report, action="return",
                                    comments=[{"text": RETURN_COMMENT}])
            if step >= 3:
                services.report_act(actor=None, report=report, action="resubmit", note=note)
            if step == 4:
                services.report_act(actor=None, report=report, action="accept", note=note)

    @staticmethod
    def reports(period: ReportingPeriod) -> list[Report]:
        return list(period.reports.select_related("organisation", "period", "plan")
                    .order_by("organisation__name_ru"))

    # One report -----------------------------------------------------------------------------

    def fill_progress(self, report: Report, status: str | None = None) -> list[Measure]:
        rng = seeded(report.organisation.name_ru, report.period.start)
        measures = []
        for progress in report.progress.select_related("measure").prefetch_related(
                "measure__budget_lines", "measure__partners"):
            measure = progress.measure
            data = progress_data(measure, status or status_for(measure, report.period.end, rng),
                                 report.period.end.year, rng)
            services.progress_save(actor=None, report=report, measure_id=measure.pk,
                                   version=progress.version, data=data)
            measures.append(measure)
        return measures

    def complete(self, report: Report, seeds=()) -> None:
        """Progress, every indicator's values, activities and evidence, as an accepted report has."""
        measures = self.fill_progress(report)
        rng = seeded(report.organisation.name_ru, report.period.start, "values")
        indicators = Indicator.objects.filter(measures__progress__report=report).distinct() \
            .prefetch_related("dimensions__values", "targets")
        values = [row for indicator in indicators for row in indicator_values(
            indicator, report.period.end.year,
            # The responsible body reports the national figure; a co-executor only its own
            # small part, so that the sum over reports stays near the target, as in life.
            1.0 if indicator.responsible_id == report.organisation_id else rng.uniform(0.02, 0.06),
            rng)]
        if values:
            services.observations_save(actor=None, report=report,
                                       version=report.observations_version, values=values)
        activities = [self.seed_activity(report.plan, report, row) for row in seeds]
        activities += activities_for(measures, report.period.start, report.period.end,
                                     report.organisation_id, rng, self.places(report.plan))
        if activities:
            report.refresh_from_db()
            services.activities_save(actor=None, report=report,
                                     version=report.activities_version, activities=activities)
        self.evidence(report, measures, rng)

    def seed_activity(self, plan: Plan, report: Report, row: tuple) -> dict:
        title, kind, start, end, venue, women, men, total, audiences, fragment = row
        found = Measure.objects.filter(plan=plan, title_ru__icontains=fragment).first() \
            if fragment else None
        return {"kind": kind, "title": title, "start": self.timeline.date(start),
                "end": self.timeline.date(end), "venue": venue,
                "territory": dict(self.places(plan)).get(venue), "participants_women": women,
                "participants_men": men, "participants_total": total, "audiences": audiences,
                "organisers": [report.organisation_id], "measures": [found.pk] if found else []}

    def evidence(self, report: Report, measures: list[Measure], rng) -> None:
        measure = measures[0] if measures else None
        progress = report.progress.filter(measure=measure).first()
        memo = docx_note(f"Справка о ходе выполнения: {report.organisation}",
                         [str(report.plan), str(report.period),
                          f"{measure.code}. {measure.title_ru}" if measure else "",
                          progress.narrative_ru if progress else ""])
        services.evidence_add(actor=None, report=report, measure_id=measure and measure.pk,
                              upload=SimpleUploadedFile("spravka.docx", memo),
                              description="Справка о ходе выполнения мероприятий")
        if rng.random() < 0.3:
            sheet = pdf_note(["Tendik demo: list of participants",
                              f"Period {report.period.start:%d.%m.%Y}-{report.period.end:%d.%m.%Y}",
                              f"Measure {measure.code if measure else '-'}",
                              f"Participants: {rng.randint(20, 120)}"])
            services.evidence_add(actor=None, report=report, upload=SimpleUploadedFile(
                "spisok-uchastnikov.pdf", sheet), description="Список участников (скан)")

    def accept(self, report: Report) -> None:
        services.report_act(actor=None, report=report, action="submit")
        services.report_act(actor=None, report=report, action="accept")
        self.backdate(report)

    def backdate(self, report: Report) -> None:
        """A past period was reported in its own time, on or before the due date, not today."""
        rng = seeded(report.organisation.name_ru, report.period.start, "dates")
        latest = self.timeline.today - datetime.timedelta(days=1)
        submitted = min(report.period.due_date - datetime.timedelta(days=rng.randint(0, 12)),
                        latest)
        accepted = min(submitted + datetime.timedelta(days=rng.randint(2, 9)), latest)
        at = {name: timezone.make_aware(datetime.datetime.combine(day, datetime.time(11)))
              for name, day in (("submitted_at", submitted), ("first_submitted_at", submitted),
                                ("accepted_at", accepted))}
        report.refresh_from_db()
        model_update(instance=report, actor=None, reason="демонстрационные данные: даты в прошлом",
                     data={**at, "last_activity_at": at["accepted_at"]})


def demo_plan(country: str, kind: str, status: str) -> Plan | None:
    return Plan.objects.filter(country__code=country, kind=kind, status=status) \
        .order_by("-period_start").first()


def _years(plan: Plan) -> range:
    return range(plan.period_start.year, plan.period_end.year + 1)


def reporting_demo_load(*, timeline: Timeline, organisations: dict[str, Organisation]) -> dict:
    story = _Story(timeline, organisations)
    last_year = timeline.today.year - 1
    if closed_nap := demo_plan("KG", "nap", PlanStatus.CLOSED):
        for year in _years(closed_nap):
            story.accepted_year(closed_nap, year, SEED_004 if year == closed_nap.period_start.year
                                else ())
    if roadmap := demo_plan("KG", "roadmap", PlanStatus.CLOSED):
        for year in _years(roadmap):
            story.accepted_year(roadmap, year, SEED_001 if year == roadmap.period_start.year
                                else ())
    for plan in (demo_plan("KG", "nap", PlanStatus.IN_FORCE), demo_plan("KZ", "programme",
                                                                 PlanStatus.IN_FORCE)):
        if plan is None:
            continue
        story.accepted_year(plan, last_year)
        if plan.country.code == "KG":
            story.late_half(plan)
        story.current_half(plan)
    late = late_reports(timeline.today).select_related("organisation", "period")
    return {"periods": story.created, "late": [f"{r.organisation} — {r.period}" for r in late]}


def late_reports(today: datetime.date):
    """Reports of open periods past their due date and never submitted."""
    return Report.objects.filter(period__state="open", period__due_date__lt=today,
                                 submitted_at__isnull=True)

