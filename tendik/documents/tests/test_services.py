import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tendik.core.errors import DomainError
from tendik.core.models import AuditEntry
from tendik.documents import review, search, services
from tendik.documents.models import Document, Fact, FactKind, FactStatus
from tendik.reporting.models import Activity, Evidence
from tendik.reporting.tests.factories import open_period

from .texts import KYRGYZ, NEWS

pytestmark = pytest.mark.django_db


def test_pasted_text_is_stored_with_its_language_and_queued_for_reading(world):
    document = services.document_create(actor=world.users["focal_point"], text=NEWS,
                                        source_url="https://kabar.kg/news/1")
    assert document.kind == "pasted" and document.language == "ru" and document.supported
    assert document.state == "queued" and document.job.kind == "document_extract"
    assert "Комментарии" not in document.text  # boilerplate dropped
    assert document.title.startswith("Министерство провело тренинг")
    assert AuditEntry.objects.filter(object_id=str(document.pk)).exists()


def test_reading_finds_facts_with_spans_into_the_text(world, read_document):
    document = read_document(world.users["focal_point"])
    assert document.state == "done"
    facts = list(document.facts.all())
    assert facts and all(0 <= f.start < f.end <= len(document.text) for f in facts)
    kinds = {f.kind for f in facts}
    assert {FactKind.EVENT, FactKind.DATE, FactKind.QUANTITY} <= kinds
    event = document.facts.get(kind=FactKind.EVENT)
    assert event.found["type"] == "training" and event.found["date_start"] == "2024-03-12"


def test_reading_again_gives_the_same_facts_and_keeps_decisions(world, read_document):
    actor = world.users["focal_point"]
    document = read_document(actor)
    before = sorted((f.kind, f.start, f.end, str(f.found)) for f in document.facts.all())
    decided = document.facts.filter(kind=FactKind.DATE).first()
    review.fact_decide(actor=actor, fact_id=decided.pk, version=decided.version, decision="reject")
    services.document_extract(document=document)
    after = sorted((f.kind, f.start, f.end, str(f.found)) for f in document.facts.all())
    assert after == before
    document.refresh_from_db()
    assert document.state == "done"  # not left «running» by a second reading
    assert document.facts.get(pk=decided.pk).status == FactStatus.REJECTED


def test_kyrgyz_text_is_stored_flagged_and_gets_no_facts(world, read_document):
    document = read_document(world.users["focal_point"], text=KYRGYZ)
    assert document.language == "ky" and not document.supported
    assert document.state == "done" and not document.facts.exists()


@pytest.mark.parametrize(("content", "code"), [
    (b"", "empty"), (b"PK\x03\x04garbage" * 10, "bad_type"), (bytes(range(256)) * 4, "bad_type")])
def test_a_bad_file_is_refused_and_nothing_is_stored(world, content, code):
    upload = SimpleUploadedFile("report.docx", content)
    with pytest.raises(DomainError) as caught:
        services.document_create(actor=world.users["focal_point"], upload=upload)
    assert caught.value.code == code and caught.value.errors[0]["field"] == "file"
    assert not Document.objects.exists()


def test_an_oversized_file_is_refused_before_it_is_read(world, settings):
    settings.TENDIK_MAX_UPLOAD_BYTES = 1024
    upload = SimpleUploadedFile("big.txt", "слово ".encode() * 1000)
    with pytest.raises(DomainError) as caught:
        services.document_create(actor=world.users["focal_point"], upload=upload)
    assert caught.value.code == "too_large"


def test_a_docx_upload_keeps_its_original_file(world):
    import docx

    book = docx.Document()
    book.add_heading("Итоги года", level=1)
    book.add_paragraph("В апреле 2023 года в Оше прошел семинар для 35 социальных работников.")
    buffer = io.BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("itogi.docx", buffer.getvalue())
    document = services.document_create(actor=world.users["focal_point"], upload=upload)
    assert document.kind == "docx" and document.original_name == "itogi.docx"
    assert document.file.read() == buffer.getvalue()
    assert "семинар" in document.text


def test_observers_and_the_anonymous_cannot_add_documents(world):
    from django.contrib.auth.models import AnonymousUser

    for actor in (world.users["observer"], AnonymousUser()):
        with pytest.raises(DomainError) as caught:
            services.document_create(actor=actor, text=NEWS)
        assert caught.value.code == "forbidden"


def test_a_source_that_is_not_a_link_is_an_error_beside_its_field(world):
    with pytest.raises(DomainError) as caught:
        services.document_create(actor=world.users["focal_point"], text=NEWS, source_url="kabar")
    assert caught.value.errors[0]["field"] == "source_url"


def test_search_finds_other_word_forms(world, read_document):
    document = read_document(world.users["focal_point"])
    read_document(world.users["focal_point"], text="Совещание о бюджете района.")
    found = search.search(Document.objects.all(), "тренинги сотрудникам")
    assert [d.pk for d in found] == [document.pk]
    assert not search.search(Document.objects.all(), "конференция").exists()


def test_a_decision_records_who_and_a_repeat_writes_nothing(world, read_document):
    actor = world.users["focal_point"]
    fact = read_document(actor).facts.filter(kind=FactKind.QUANTITY).first()
    decided = review.fact_decide(actor=actor, fact_id=fact.pk, version=fact.version,
                                 decision="correct", data={"value": "41", "qualifier": "="})
    assert decided.status == FactStatus.CORRECTED and decided.data == {"value": 41, "qualifier": "="}
    audits = AuditEntry.objects.count()
    again = review.fact_decide(actor=actor, fact_id=fact.pk, version=decided.version,
                               decision="correct", data={"value": "41", "qualifier": "="})
    assert again.version == decided.version and AuditEntry.objects.count() == audits


def test_a_decision_on_a_stale_version_is_a_conflict(world, read_document):
    actor = world.users["focal_point"]
    fact = read_document(actor).facts.first()
    review.fact_decide(actor=actor, fact_id=fact.pk, version=fact.version, decision="accept")
    with pytest.raises(DomainError) as caught:
        review.fact_decide(actor=actor, fact_id=fact.pk, version=fact.version, decision="reject")
    assert caught.value.code == "conflict"


def test_a_fact_of_another_organisation_is_not_found(world, read_document):
    fact = read_document(world.users["focal_point"]).facts.first()
    from tendik.testing.factories import user_with_role

    stranger = user_with_role("focal_point", username="stranger", organisation=world.other_kg_org)
    for actor in (stranger, world.users["coordinator_kz"]):
        with pytest.raises(DomainError) as caught:
            review.fact_decide(actor=actor, fact_id=fact.pk, version=1, decision="accept")
        assert caught.value.code == "not_found"


def test_a_correction_with_a_bad_value_names_its_field(world, read_document):
    actor = world.users["focal_point"]
    fact = read_document(actor).facts.filter(kind=FactKind.DATE).first()
    with pytest.raises(DomainError) as caught:
        review.fact_decide(actor=actor, fact_id=fact.pk, version=fact.version, decision="correct",
                           data={"date_start": "2024-13-45"})
    assert caught.value.errors[0]["field"] == "date_start"


def test_accepting_an_event_makes_an_activity_with_the_document_as_evidence(world, read_document):
    plan, period, report, _indicator, _other = open_period(world)
    actor = world.users["focal_point"]
    document = read_document(actor, source_url="https://kabar.kg/news/1")
    event = document.facts.get(kind=FactKind.EVENT)
    measure = plan.measures.first()
    fact = review.fact_event_accept(
        actor=actor, fact_id=event.pk, version=event.version, report_id=report.pk,
        measure_id=measure.pk, kind="training", title="Тренинг по гендерному бюджетированию",
        start=datetime.date(2023, 3, 12), end=datetime.date(2023, 3, 13), participants_women=28,
        participants_men=12, participants_total=40)
    activity = Activity.objects.get(pk=fact.activity_id)
    assert activity.report == report and list(activity.measures.all()) == [measure]
    assert (activity.participants_women, activity.participants_men) == (28, 12)
    evidence = Evidence.objects.get(pk=fact.evidence_id)
    assert evidence.url == "https://kabar.kg/news/1" and evidence.report == report
    assert evidence.content_type.endswith("wordprocessingml.document")  # the pasted text as DOCX
    import docx

    assert "гендерному бюджетированию" in "\n".join(
        p.text for p in docx.Document(evidence.file.open("rb")).paragraphs)
    assert fact.status == FactStatus.ACCEPTED
    assert activity.source_facts.get() == fact  # the activity traces back to its words
    with pytest.raises(DomainError) as caught:
        review.fact_event_accept(
            actor=actor, fact_id=fact.pk, version=fact.version, report_id=report.pk,
            kind="training", title="x", start=datetime.date(2023, 3, 12),
            end=datetime.date(2023, 3, 13))
    assert caught.value.code == "conflict"


def test_an_event_goes_only_into_the_reviewers_own_draft_report(world, read_document):
    _plan, period, report, _indicator, other_focal = open_period(world)
    event = read_document(world.users["focal_point"]).facts.get(kind=FactKind.EVENT)
    other_report = period.reports.get(organisation=world.other_kg_org)
    with pytest.raises(DomainError) as caught:
        review.fact_event_accept(
            actor=world.users["focal_point"], fact_id=event.pk, version=event.version,
            report_id=other_report.pk, kind="training", title="Тренинг",
            start=datetime.date(2023, 3, 12), end=datetime.date(2023, 3, 13))
    assert caught.value.errors[0]["field"] == "report"
    assert not Activity.objects.exists() and Fact.objects.get(pk=event.pk).status == "proposed"


def test_an_activity_error_is_reported_beside_its_field_and_nothing_is_made(world, read_document):
    _plan, _period, report, _indicator, _other = open_period(world)
    event = read_document(world.users["focal_point"]).facts.get(kind=FactKind.EVENT)
    with pytest.raises(DomainError) as caught:
        review.fact_event_accept(
            actor=world.users["focal_point"], fact_id=event.pk, version=event.version,
            report_id=report.pk, kind="training", title="Тренинг", start=datetime.date(2023, 3, 12),
            end=datetime.date(2023, 3, 13), participants_women=50, participants_total=10)
    assert caught.value.errors[0]["field"] == "participants_total"
    assert not Activity.objects.exists() and not Evidence.objects.exists()
