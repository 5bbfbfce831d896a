"""Proof that a generated file opens: LibreOffice converts it to PDF, poppler reads the PDF."""

import shutil
import subprocess  # noqa: S404 - fixed argument lists, no shell
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def needs_libreoffice():
    # make test installs LibreOffice (scripts/install-system-deps.sh); this guards a bare pytest.
    return pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")


needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="poppler (pdftotext, pdfinfo) is not installed")


def libreoffice_to_pdf(content: bytes, suffix: str, tmp_path: Path) -> bytes:
    """Open the file in LibreOffice headless and convert it to PDF; the PDF's bytes."""
    source = tmp_path / f"report.{suffix}"
    source.write_bytes(content)
    out = tmp_path / "converted"
    profile = tmp_path / "lo-profile"  # its own profile: parallel runs do not lock each other
    result = subprocess.run(  # noqa: S603
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out), str(source)],
        capture_output=True, timeout=180, check=False)
    converted = out / "report.pdf"
    assert converted.exists(), result.stderr.decode(errors="replace")
    return converted.read_bytes()


def pdf_text(content: bytes, tmp_path: Path) -> str:
    path = tmp_path / "read.pdf"
    path.write_bytes(content)
    return subprocess.run(  # noqa: S603
        [shutil.which("pdftotext") or "pdftotext", "-layout", str(path), "-"],
        capture_output=True, timeout=60, check=True).stdout.decode()


def pdf_pages(content: bytes, tmp_path: Path) -> int:
    path = tmp_path / "info.pdf"
    path.write_bytes(content)
    info = subprocess.run(  # noqa: S603
        [shutil.which("pdfinfo") or "pdfinfo", str(path)],
        capture_output=True, timeout=60, check=True).stdout.decode()
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
