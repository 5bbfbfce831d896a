"""What a signed-in user keeps on the device: their own reports they may still edit."""

from django.urls import reverse

from tendik.reporting.capabilities import report_capabilities
from tendik.reporting.selectors import my_reports

from .assets import shell_asset_urls


def offline_report_urls(user) -> list[str]:
    """The page of each report the user may edit now. `my_reports` is already limited to the
    user's own organisation, so nothing of another organisation can be listed; the capability
    check drops submitted, accepted and closed-period reports. The period and plan come with the
    reports (select_related), so the count of queries does not grow with the reports."""
    reports = my_reports(user).select_related("period", "plan").prefetch_related(None)
    return [reverse("reporting:report", args=[report.pk])
            for report in reports if report_capabilities(user, report).edit]


def offline_urls(report_urls: list[str]) -> list[str]:
    """Everything to keep: «Мои отчёты», the given report pages, the offline page, then the
    static files they need."""
    return [reverse("reporting:mine"), *report_urls, reverse("offline_page"),
            *shell_asset_urls()]
