"""Recognising uploaded files by their content, never by their name."""

import io
import zipfile

from django.utils.translation import gettext as _

from .errors import DomainError
from .xlsx import check_upload_size

PDF, DOCX, XLSX, JPEG, PNG = "application/pdf", (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"), (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), "image/jpeg", "image/png"
EXTENSIONS = {PDF: "pdf", DOCX: "docx", XLSX: "xlsx", JPEG: "jpg", PNG: "png"}


def sniff(head: bytes, content: bytes) -> str | None:
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(content)).namelist())
        except (zipfile.BadZipFile, NotImplementedError):  # a zip of an unknown version or method
            return None
        if "word/document.xml" in names:
            return DOCX
        if "xl/workbook.xml" in names:
            return XLSX
    return None


def checked_upload(upload) -> tuple[bytes, str]:
    """The file's bytes and its real type; a wrong type or an oversized file is refused."""
    check_upload_size(upload.size)
    content = upload.read()
    content_type = sniff(content[:16], content)
    if content_type is None:
        raise DomainError(
            _("«%(name)s»: такой тип файла не принимается. Допустимы PDF, DOCX, XLSX, JPG и PNG "
              "(тип определяется по содержимому, а не по имени).") % {"name": upload.name},
            code="bad_type")
    return content, content_type
