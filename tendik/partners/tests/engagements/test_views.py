"""The pages: the list with its counts, the meeting form with repeated rows, the meeting page
with its agreement forms, and the agreements list."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tendik.partners.models import Engagement, FollowUp
from tendik.partners.tests.factories import EngagementFactory, FollowUpFactory
from tendik.testing.factories import PersonFactory

from .conftest import record

pytestmark = pytest.mark.django_db


def _form(world, **overrides) -> dict:
    data = {"country": "KG", "kind": "working_group", "date": "2025-04-10",
            "title_ru": "Рабочая группа по НПД", "topics": "бюджет\nнасилие",
            "organisations": [str(world.home_org.pk)],
            "participants-TOTAL_FORMS": "3", "participants-INITIAL_FORMS": "0",
            "participants-0-name": "Иванова Анна", "participants-0-position": "эксперт",
            "follow_ups-TOTAL_FORMS": "2", "follow_ups-INITIAL_FORMS": "0",
            "follow_ups-0-text": "Собрать предложения",
            "follow_ups-0-owner": str(world.home_org.pk),
            "follow_ups-0-due_date": "2025-05-01"}
    data.update(overrides)
    return data


def test_the_list_shows_each_meeting_with_its_pending_and_overdue_agreements(world, meeting):
    response = world.client("coordinator").get(reverse("engagements:list"))
    assert response.status_code == 200
    page = response.content.decode()
    assert meeting.title in page and "двусторонняя встреча" in page and "просрочена: 1" in page
    assert world.home_org.name in page


def _list_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _meetings(world, count: int) -> None:
    for _ in range(count):
        engagement = EngagementFactory(country=world.kg)
        engagement.organisations.add(world.home_org, world.other_kg_org)
        FollowUpFactory(engagement=engagement, owner=world.home_org)


@pytest.mark.parametrize("name", ["engagements:list", "engagements:follow_ups"])
def test_the_lists_cost_the_same_queries_for_one_row_or_twenty(world, name):
    client = world.client("coordinator")
    _meetings(world, 1)
    few = _list_queries(client, reverse(name))
    _meetings(world, 19)
    assert _list_queries(client, reverse(name)) == few <= 12


def test_the_add_form_records_a_meeting_skipping_empty_rows(world):
    person = PersonFactory(organisation=world.home_org, position="министр")
    response = world.client("coordinator").post(reverse("engagements:add"), _form(
        world, **{"participants-1-person": str(person.pk)}))
    assert response.status_code == 302, response.content.decode()[:3000]
    engagement = Engagement.objects.get()
    assert [(p.name, p.position) for p in engagement.participants.all()] == [
        ("Иванова Анна", "эксперт"), (person.full_name, "министр")]
    assert engagement.topic_list == ["бюджет", "насилие"]
    assert engagement.follow_ups.get().owner == world.home_org


def test_a_refused_form_keeps_everything_typed_with_the_error_beside_its_row(world):
    client = world.client("coordinator")
    response = client.post(reverse("engagements:add"), _form(
        world, **{"follow_ups-0-due_date": "2025-04-01", "participants-1-position": "советник"}))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Рабочая группа по НПД" in page and 'value="советник"' in page
    assert "Собрать предложения" in page and 'value="2025-04-01"' in page
    assert "name" in response.context["participants"].forms[1].errors
    response = client.post(reverse("engagements:add"), _form(
        world, **{"follow_ups-0-due_date": "2025-04-01"}))
    assert "Срок раньше даты встречи" in response.content.decode()
    assert "due_date" in response.context["follow_ups"].forms[0].errors
    assert not Engagement.objects.exists()


def test_the_edit_form_replaces_participants_and_a_stale_one_is_refused(world, meeting):
    url = reverse("engagements:edit", args=[meeting.pk])
    client = world.client("coordinator")
    form = client.get(url).context["form"]
    assert form.initial["version"] == 1
    data = _form(world, version="1", **{"participants-0-name": "Петрова Мария"})
    assert client.post(url, data).status_code == 302
    assert [p.name for p in Engagement.objects.get().participants.all()] == ["Петрова Мария"]
    stale = client.post(url, data | {"title_ru": "Другое"})
    assert stale.status_code == 400 and "обновите страницу" in stale.content.decode()


def test_the_owner_marks_an_agreement_done_on_the_meeting_page(world, meeting):
    follow_up = meeting.follow_ups.get()
    client = world.client("focal_point")
    page = client.get(reverse("engagements:detail", args=[meeting.pk]))
    assert page.status_code == 200 and "Асанова Айгуль, министр" in page.content.decode()
    row = page.context["follow_ups"][0]
    assert row["overdue"] and "due_date" not in row["form"].fields
    response = client.post(reverse("engagements:follow_up_update", args=[follow_up.pk]), {
        f"fu{follow_up.pk}-version": "1", f"fu{follow_up.pk}-status": "done",
        f"fu{follow_up.pk}-note": "Карта подписана"})
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.note, follow_up.done_on) == (
        "done", "Карта подписана", timezone.localdate())


def test_a_refused_agreement_update_shows_its_error_on_the_meeting_page(world, meeting):
    follow_up = meeting.follow_ups.get()
    response = world.client("coordinator").post(
        reverse("engagements:follow_up_update", args=[follow_up.pk]), {
            f"fu{follow_up.pk}-version": "1", f"fu{follow_up.pk}-status": "open",
            f"fu{follow_up.pk}-note": "Ждём", f"fu{follow_up.pk}-due_date": "2020-01-01"})
    assert response.status_code == 400
    form = response.context["follow_ups"][0]["form"]
    assert "due_date" in form.errors and form["note"].value() == "Ждём"


def test_an_agreement_is_added_on_the_meeting_page(world, meeting):
    url = reverse("engagements:follow_up_add", args=[meeting.pk])
    client = world.client("coordinator")
    missing = client.post(url, {"new-text": "Семинар", "new-due_date": "2025-09-01"})
    assert missing.status_code == 400 and "owner" in missing.context["add_form"].errors
    assert client.post(url, {"new-text": "Семинар", "new-owner": str(world.other_kg_org.pk),
                             "new-due_date": "2025-09-01"}).status_code == 302
    assert FollowUp.objects.filter(text="Семинар").exists()


def test_the_agreements_list_filters_overdue_ones(world, meeting):
    record(world, follow_ups=[{"text": "Потом", "owner": world.other_kg_org.pk,
                               "due_date": datetime.date(2099, 1, 1)}])
    client = world.client("coordinator")
    response = client.get(reverse("engagements:follow_ups"), {"overdue": "true"})
    assert [f.text for f in response.context["page"]] == ["Подготовить дорожную карту"]
    assert "просрочено" in response.content.decode()
    everything = client.get(reverse("engagements:follow_ups"))
    assert len(everything.context["page"]) == 2


@pytest.mark.parametrize("role", ["coordinator", "focal_point"])
def test_the_meeting_page_costs_the_same_queries_for_one_agreement_or_ten(world, meeting, role):
    client = world.client(role)
    url = reverse("engagements:detail", args=[meeting.pk])
    few = _list_queries(client, url)
    for number in range(9):
        FollowUpFactory(engagement=meeting, owner=world.home_org, text=f"№ {number}")
        meeting.participants.create(name=f"Участник {number}", organisation=world.home_org)
    assert _list_queries(client, url) == few
