"""The commitments pages: the list and its query count, the form that keeps what was typed, the
page in the reader's language, progress with evidence, and the public page that shows only what
a coordinator published."""

import pytest
from django.urls import reverse

from tendik.partners.commitments import services
from tendik.partners.models import Commitment
from tendik.partners.tests.factories import CommitmentFactory, CommitmentProgressFactory
from tendik.testing.matrix import ANONYMOUS

from .conftest import pdf

pytestmark = pytest.mark.django_db


def _rows(world, count: int) -> None:
    for number in range(count):
        commitment = CommitmentFactory(country=world.kg, made_by=world.home_org,
                                       action_area="gbv-policy", is_demo=number == 0)
        CommitmentProgressFactory(commitment=commitment, year=2024, percent=5 * number)


@pytest.mark.parametrize("count", [1, 12])
def test_the_list_costs_the_same_queries_whatever_the_rows(world, django_assert_max_num_queries,
                                                           count):
    _rows(world, count)
    client = world.client("coordinator")
    with django_assert_max_num_queries(13):
        response = client.get(reverse("commitments:list"))
    body = response.content.decode()
    assert response.status_code == 200 and body.count('<progress class="progress"') == count
    assert "демонстрационные данные" in body and "Выполнение" in body


def test_the_list_filters_by_status_and_framework(world):
    _rows(world, 2)
    CommitmentFactory(country=world.kg, made_by=world.home_org, framework="national",
                      action_coalition="", title_ru="Национальное обещание", status="achieved")
    body = world.client("coordinator").get(
        reverse("commitments:list"), {"framework": "national", "status": "achieved"}).content
    assert "Национальное обещание" in body.decode() and "Обязательство № " not in body.decode()


def test_a_refused_form_keeps_what_was_typed_with_the_error_beside_its_field(world):
    response = world.client("coordinator").post(reverse("commitments:add"), {
        "country": world.kg.pk, "made_by": world.home_org.pk, "framework": "generation_equality",
        "action_coalition": "gbv", "action_area": "econ-care", "title_ru": "Мой заголовок",
        "text_ru": "Мой текст", "target_date": "2027-01-01", "status": "planned"})
    assert response.status_code == 400
    form = response.context["form"]
    assert "action_area" in form.errors and form["title_ru"].value() == "Мой заголовок"
    assert "Мой текст" in response.content.decode()
    assert not Commitment.objects.exists()


def test_a_member_adds_their_organisations_commitment_without_choosing_the_maker(world):
    client = world.client("partner")
    assert "made_by" not in client.get(reverse("commitments:add")).context["form"].fields
    response = client.post(reverse("commitments:add"), {
        "country": world.kg.pk, "framework": "national", "title_ru": "Наше обязательство",
        "text_ru": "Текст", "target_date": "2027-01-01", "status": "planned"})
    commitment = Commitment.objects.get()
    assert response.status_code == 302 and commitment.made_by == world.home_org


def test_edit_saves_with_the_version_it_was_read_at(world, make):
    commitment = make()
    client = world.client("coordinator")
    page = client.get(reverse("commitments:edit", args=[commitment.pk]))
    data = {name: value for name, value in page.context["form"].initial.items()
            if name not in ("measures", "indicators")}
    data = {name: value for name, value in data.items() if value is not None}
    data.update(country=world.kg.pk, made_by=world.home_org.pk, title_ru="Другое название",
                made_on="2021-06-30", target_date="2026-12-31")
    assert client.post(reverse("commitments:edit", args=[commitment.pk]), data).status_code == 302
    data["title_ru"] = "Ещё одно"  # the same, stale version
    response = client.post(reverse("commitments:edit", args=[commitment.pk]), data)
    assert response.status_code == 400 and "другой пользователь" in response.content.decode()


def test_the_page_says_when_the_text_is_shown_in_russian(world, make):
    commitment = make(text_en="Open crisis centres in every region")
    client = world.client("coordinator")
    url = reverse("commitments:detail", args=[commitment.pk])
    english = client.get(url + "?lang=en")
    assert "Open crisis centres" in english.content.decode()
    assert english.context["text_fallback"] is False
    kyrgyz = client.get(url + "?lang=ky")
    assert "Открыть кризисные центры" in kyrgyz.content.decode()
    assert kyrgyz.context["text_fallback"] is True
    assert 'class="badge fallback"' in kyrgyz.content.decode()


def test_progress_with_a_pdf_is_saved_and_its_evidence_served_to_readers_only(world, make):
    commitment = make()
    client = world.client("focal_point")
    response = client.post(reverse("commitments:progress", args=[commitment.pk]), {
        "year": "2025", "status": "in_progress", "percent": "35", "text": "Открыто 3 центра",
        "evidence": pdf()})
    assert response.status_code == 302
    row = commitment.progress.get()
    evidence = reverse("commitments:evidence", args=[row.pk])
    download = client.get(evidence)
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert world.client("coordinator_kz").get(evidence).status_code == 404
    public = reverse("public_commitments:evidence", args=[row.pk])
    assert world.client(ANONYMOUS).get(public).status_code == 404


def test_a_refused_progress_form_comes_back_with_its_error(world, make):
    commitment = make()
    response = world.client("focal_point").post(
        reverse("commitments:progress", args=[commitment.pk]),
        {"year": "2025", "status": "in_progress", "text": "Есть отчёт",
         "evidence": pdf("fake.pdf").__class__("fake.pdf", b"not a pdf")})
    assert response.status_code == 400
    assert response.context["new_form"].errors["evidence"]
    assert "Есть отчёт" in response.content.decode()


def test_the_public_page_never_shows_an_unpublished_commitment(world, make):
    shown, hidden = make(title_ru="Опубликованное"), make(title_ru="Черновое")
    services.commitment_publish(actor=world.users["coordinator"], commitment=shown,
                                published=True)
    client = world.client(ANONYMOUS)
    body = client.get(reverse("public_commitments:list")).content.decode()
    assert "Опубликованное" in body and "Черновое" not in body
    assert client.get(reverse("public_commitments:detail", args=[hidden.pk])).status_code == 404
    assert client.get(reverse("public_commitments:detail", args=[shown.pk])).status_code == 200
    services.commitment_publish(actor=world.users["coordinator"], commitment=shown,
                                published=False)
    assert client.get(reverse("public_commitments:detail", args=[shown.pk])).status_code == 404
    assert "Опубликованное" not in client.get(reverse("public_commitments:list")).content.decode()


def test_the_public_list_costs_the_same_queries_whatever_the_rows(
        world, django_assert_max_num_queries):
    _rows(world, 15)
    Commitment.objects.update(published=True)
    with django_assert_max_num_queries(8):
        response = world.client(ANONYMOUS).get(reverse("public_commitments:list"))
    assert response.content.decode().count("демонстрационные данные") == 1
