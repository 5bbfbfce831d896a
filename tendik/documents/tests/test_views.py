import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tendik.documents.models import Document, FactKind
from tendik.documents.services import document_extract_job

from .texts import HTML_WITH_SCRIPT, NEWS

pytestmark = pytest.mark.django_db


def test_a_failed_form_keeps_what_was_typed_and_shows_the_error_beside_the_field(world, client):
    client.force_login(world.users["focal_point"])
    response = client.post(reverse("documents:add"), {
        "text": "Текст новости о тренинге.", "title": "Моя новость", "source_url": "kabar-kg"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Текст новости о тренинге." in page and 'value="Моя новость"' in page
    assert 'value="kabar-kg"' in page and "https://" in page
    assert not Document.objects.exists()


def test_html_upload_is_shown_as_text_never_rendered(world, client):
    client.force_login(world.users["focal_point"])
    response = client.post(reverse("documents:add"), {
        "file": SimpleUploadedFile("page.html", HTML_WITH_SCRIPT)})
    assert response.status_code == 302
    document = Document.objects.get()
    assert "alert" not in document.text and "<b>" in document.text
    document_extract_job(job_id=document.job_id)
    page = client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert "&lt;b&gt;" in page and "<b>прошла" not in page and "alert(" not in page
    download = client.get(reverse("documents:file", args=[document.pk]))
    assert download["Content-Type"] == "application/octet-stream"
    assert download["Content-Disposition"].startswith("attachment")


def test_review_page_marks_facts_and_a_decision_swaps_the_card(world, client, read_document):
    user = world.users["focal_point"]
    document = read_document(user)
    client.force_login(user)
    page = client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    fact = document.facts.filter(kind=FactKind.DATE).first()
    assert f'id="span-{fact.pk}"' in page and f'id="fact-{fact.pk}"' in page
    response = client.post(reverse("documents:fact_decide", args=[fact.pk]),
                           {"decision": "reject", "version": fact.version}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "status-rejected" in response.content.decode()


def test_search_on_the_list_page(world, client, read_document):
    user = world.users["focal_point"]
    document = read_document(user)
    client.force_login(user)
    found = client.get(reverse("documents:list"), {"q": "тренинги"}).content.decode()
    assert document.title in found
    empty = client.get(reverse("documents:list"), {"q": "референдум"}).content.decode()
    assert document.title not in empty


def test_the_event_form_is_prefilled_from_the_facts(world, client, read_document):
    from tendik.reporting.tests.factories import open_period

    open_period(world)
    user = world.users["focal_point"]
    event = read_document(user).facts.get(kind=FactKind.EVENT)
    client.force_login(user)
    page = client.get(reverse("documents:fact_event", args=[event.pk])).content.decode()
    assert 'value="2024-03-12"' in page and 'value="40"' in page


def test_list_and_review_pages_do_not_query_per_row(world, client, read_document):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user = world.users["focal_point"]
    client.force_login(user)
    document = read_document(user)

    def queries(path) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    list_before, detail_before = queries(reverse("documents:list")), queries(
        reverse("documents:detail", args=[document.pk]))
    longer = read_document(user, text=NEWS + "\n" + NEWS.replace("Бишкеке", "Оше"))
    assert longer.facts.count() > document.facts.count()
    assert queries(reverse("documents:list")) == list_before
    assert queries(reverse("documents:detail", args=[longer.pk])) == detail_before


def test_without_htmx_a_refused_decision_says_why_on_the_page(world, client, read_document):
    user = world.users["focal_point"]
    fact = read_document(user).facts.first()
    client.force_login(user)
    url = reverse("documents:fact_decide", args=[fact.pk])
    client.post(url, {"decision": "accept", "version": fact.version})
    page = client.post(url, {"decision": "reject", "version": fact.version}, follow=True)
    assert "другой пользователь" in page.content.decode()
