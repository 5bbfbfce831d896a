"""The generated file as an HTTP download, for the page and the API alike."""

from django.http import FileResponse

from .models import NationalReport
from .render import CONTENT_TYPES


def national_report_download_response(report: NationalReport) -> FileResponse:
    # The type is named, not guessed: a slim server image has no /etc/mime.types for .docx.
    name = f"{report.plan.title[:80]} {report.period_label} {report.language}.{report.format}"
    return FileResponse(report.file.open("rb"), as_attachment=True, filename=name,
                        content_type=CONTENT_TYPES[report.format])
