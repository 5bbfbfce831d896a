import datetime

import pytest

from tendik.documents import services
from tendik.documents.models import Document

from .texts import NEWS


@pytest.fixture
def read_document():
    """Add a document as `actor` and run its reading job as the worker would."""

    def add(actor, text: str = NEWS, **kwargs) -> Document:
        kwargs.setdefault("published", datetime.date(2024, 3, 14))
        document = services.document_create(actor=actor, text=text, **kwargs)
        services.document_extract_job(job_id=document.job_id)
        document.refresh_from_db()
        return document

    return add
