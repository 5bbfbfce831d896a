"""The national report: requested as a shared job, built in the worker, kept with its snapshot."""

import datetime
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tendik.analytics.basis import ACCEPTED, Basis, date_range, visible_plan
from tendik.core.errors import DomainError, field_error
from tendik.core.models import Job
from tendik.core.permissions import ensure_manages_country
from tendik.core.services import job_create_once, job_run, model_create, model_update
from tendik.plans.models import Plan

from .content import build_document, content_digest, range_label
from .models import NationalReport, ReportFormat
from .render import renderer

logger = logging.getLogger(__name__)
KIND = "national_report"
# The languages of the state next to Russian and English; a country not listed gets all four.
COUNTRY_LANGUAGES = {"KG": ("ru", "ky", "en"), "KZ": ("ru", "kk", "en")}
ALL_LANGUAGES = ("ru", "ky", "kk", "en")


def report_languages(plan: Plan) -> tuple[str, ...]:
    return COUNTRY_LANGUAGES.get(plan.country.code, ALL_LANGUAGES)


def _check_period_of_plan(plan: Plan, raw, field: str) -> None:
    """A period given by id must be one of the plan's own."""
    text = "" if raw is None else str(raw).strip()
    if text.isdecimal() and len(text) != 4 and not plan.periods.filter(pk=int(text)).exists():
        raise field_error(field, _("Период %(id)s не относится к этому плану") % {"id": text})


def _choices(*, plan: Plan, fmt, language) -> tuple[str, str]:
    if fmt not in ReportFormat.values:
        raise field_error("format", _("Формат: docx, pdf или xlsx"))
    if language not in report_languages(plan):
        raise field_error("language", _("Для этого плана доклад готовится на языках: %(languages)s")
                       % {"languages": ", ".join(report_languages(plan))})
    return fmt, language


def _range(actor, plan: Plan, period_from, period_to) -> tuple[datetime.date, datetime.date]:
    _check_period_of_plan(plan, period_from, "period_from")
    _check_period_of_plan(plan, period_to, "period_to")
    start, end = date_range(actor, period_from, period_to)
    return start or plan.period_start, end or plan.period_end


@transaction.atomic
def national_report_request(*, actor, plan_id, period_from=None, period_to=None, fmt,
                            language) -> tuple[NationalReport, bool]:
    """Start building a report, or join the same request still in flight: `(report, created)`.

    A plan outside the actor's sight is a 404; one they see but do not manage is a 403."""
    plan = visible_plan(actor, plan_id)
    ensure_manages_country(actor, plan.country)
    fmt, language = _choices(plan=plan, fmt=fmt, language=language)
    start, end = _range(actor, plan, period_from, period_to)
    params = {"plan": plan.pk, "date_from": start.isoformat(), "date_to": end.isoformat(),
              "format": fmt, "language": language}
    key = "{kind}:{plan}:{date_from}:{date_to}:{format}:{language}".format(kind=KIND, **params)
    job, created = job_create_once(kind=KIND, actor=actor, dedupe_key=key, params=params,
                                   country_code=plan.country.code, shared=True)
    if not created:
        return NationalReport.objects.get(job=job), False
    with translation.override(language):
        label = range_label(Basis(user=actor, plan=plan, date_from=start, date_to=end))
    report = model_create(instance=NationalReport(
        plan=plan, date_from=start, date_to=end, period_label=label, format=fmt,
        language=language, job=job), actor=actor)
    from .tasks import national_report_task  # tasks import this module

    transaction.on_commit(lambda: national_report_task.enqueue(job.pk))
    return report, True


def _file_name(report: NationalReport, label: str) -> str:
    plan = report.plan
    return f"national-report-{plan.pk}-{label}-{report.language}.{report.format}".replace(" ", "")


def _render(fmt: str, document) -> bytes:
    """The file's bytes; a renderer's failure (a broken chart image, a font, the layout engine)
    fails the job with a reason a coordinator can pass on, and the traceback goes to the log."""
    try:
        return renderer(fmt)(document)
    except Exception as exc:
        logger.exception("National report: the %s renderer failed", fmt)
        raise DomainError(_("Не удалось сформировать файл %(format)s (%(error)s). Сообщите "
                            "администратору.") % {"format": fmt.upper(),
                                                   "error": type(exc).__name__}) from exc


def national_report_build(*, report: NationalReport, progress=None) -> NationalReport:
    """Build the file now: the worker calls this through the job, the demo loader directly."""
    progress = progress or (lambda *args: None)
    actor = report.created_by
    basis = Basis(user=actor, plan=report.plan, states=ACCEPTED, date_from=report.date_from,
                  date_to=report.date_to)
    generated_at = timezone.now()
    document, data = build_document(basis=basis, language=report.language,
                                    generated_at=generated_at, report=progress)
    progress(88, gettext_noop("Формирование файла %(format)s"), {"format": report.format.upper()})
    content = _render(report.format, document)
    label = f"{report.date_from.year}-{report.date_to.year}"
    stored = report.file.storage.save(f"exports/{generated_at:%Y/%m}/{_file_name(report, label)}",
                                      ContentFile(content))
    report, _changes = model_update(instance=report, actor=actor, data={
        "file": stored, "size": len(content), "generated_at": generated_at,
        "snapshot_at": data["accepted_at"], "reports_counted": data["reports"],
        "content_sha256": content_digest(document), "period_label": data["period_label"]})
    return report


def national_report_job_run(*, job_id: int) -> Job:
    """The worker's entry point: any failure (a broken image, a full disk) fails the job with
    its reason; it never stays «running»."""

    def handler(job: Job, progress) -> dict:
        report = NationalReport.objects.select_related("plan__country", "created_by").get(job=job)
        report = national_report_build(report=report, progress=progress)
        return {"national_report": report.pk, "size": report.size,
                "result_url": reverse("api-national-report-download", args=[report.pk])}

    return job_run(job_id=job_id, handler=handler)
