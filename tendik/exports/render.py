"""One entry point for the three formats: bytes of the file, its content type and extension."""

from collections.abc import Callable

from .document import Document

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def renderer(fmt: str) -> Callable[[Document], bytes]:
    if fmt == "docx":
        from .render_docx import render_docx
        return render_docx
    if fmt == "pdf":
        from .render_pdf import render_pdf
        return render_pdf
    if fmt == "xlsx":
        from .render_xlsx import render_xlsx
        return render_xlsx
    raise ValueError(f"unknown format {fmt!r}")
