"""The demo's local committees, help services and monthly figures: the fourteen committees of
seed 004 with their members and meetings, the crisis centres and hotlines, eighteen months of
figures whose public copy is suppressed — loaded twice with no change the second time. One load
(the test_loader fixture) serves the module."""

import csv
import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse

from tendik.committees.counts import EQUATIONS
from tendik.committees.models import (
    Committee,
    CommitteeMeeting,
    CommitteeMember,
    HelpService,
    MonthlyStatistics,
)
from tendik.committees.network.selectors import committee_of
from tendik.core.models import AuditEntry
from tendik.demo.committees import (
    COMMITTEES_FILE,
    committees_demo_load,
    demo_counts,
    last_full_months,
)
from tendik.demo.loader import ORGANISATIONS_FILE
from tendik.demo.tests.test_loader import loaded  # noqa: F401 — the module's one demo load
from tendik.demo.timeline import Timeline
from tendik.organisations.models import Organisation, Person, User

pytestmark = pytest.mark.django_db
CENTRES = ("Кризисный центр «Ак-Журок»", "Кризисный центр «Сезим»", "Кризисный центр «Тендеш»")
SMALL = {"1", "2", "3", "4"}


def _counts() -> dict:
    return {model.__name__: model.objects.count() for model in (
        Organisation, Committee, CommitteeMember, CommitteeMeeting, HelpService,
        MonthlyStatistics)}


def test_fourteen_committees_in_every_region_one_of_them_inactive(loaded):  # noqa: F811
    committees = Committee.objects.filter(is_demo=True).select_related("organisation",
                                                                       "territory")
    assert committees.count() == 14
    assert list(committees.values_list("status", flat=True)).count("inactive") == 1
    regions = set()
    for committee in committees:
        assert committee.organisation.kind == "lsg"
        assert committee.organisation.territory == committee.territory
        assert "совместным приказом МТСОиМ КР и ГКС (ранее ГАМСУМО)" in committee.act
        assert committee.established < loaded["today"]
        regions.add(committee.territory.code[:4])
    assert len(regions) == 7  # the seven oblasts


def test_members_are_professionals_with_a_chair_and_a_secretary(loaded):  # noqa: F811
    for committee in Committee.objects.filter(is_demo=True).annotate(n=Count("members")):
        assert 5 <= committee.n <= 9, committee
        roles = list(committee.members.values_list("role", flat=True))
        assert roles.count("chair") == 1 and roles.count("secretary") == 1, committee
        institutions = set(committee.members.values_list("institution", flat=True))
        assert {"lsg", "police", "health", "education"} <= institutions, committee


def test_meetings_are_recent_and_record_attendance_by_sex(loaded):  # noqa: F811
    today = loaded["today"]
    for committee in Committee.objects.filter(is_demo=True, status="active"):
        meetings = list(committee.meetings.all())
        assert 1 <= len(meetings) <= 3, committee
        for meeting in meetings:
            assert today - datetime.timedelta(days=200) < meeting.date < today
            assert meeting.agenda and meeting.decisions
            assert 0 < meeting.attended_women + meeting.attended_men <= 9


def test_the_committee_user_is_tamchys_secretary(loaded):  # noqa: F811
    user = User.objects.get(username="committee")
    committee = committee_of(user)
    assert committee.organisation.name_ru.startswith("Тамчинский айыл окмоту")
    secretary = committee.members.get(role="secretary")
    assert secretary.person == user.person and secretary.name == user.person.full_name


def test_crisis_centres_and_national_lines_are_listed(loaded):  # noqa: F811
    services = HelpService.objects.filter(is_demo=True)
    assert set(services.filter(name_ru__in=CENTRES).values_list("name_ru", flat=True)) == set(
        CENTRES)
    hotlines = services.filter(national_hotline=True, country__code="KG")
    assert {"102", "103"} <= set(hotlines.values_list("phone", flat=True))
    assert hotlines.filter(name_ru__contains="демонстрационный номер").count() == 1
    assert services.filter(country__code="KZ", territories__code="KZ710000000").exists()
    for service in services.exclude(phone__in=["102", "103"]):
        assert "00 00" in service.phone or " 0 00 " in service.phone, service  # clearly demo
    assert not services.filter(services__contains="shelter").exclude(address_public="").exists()


def test_accepted_figures_cover_eighteen_months(loaded):  # noqa: F811
    months = last_full_months(loaded["today"])
    assert len(months) == 18 and months[-1] < loaded["today"].replace(day=1)
    accepted = MonthlyStatistics.objects.filter(state="accepted")
    assert set(accepted.values_list("month", flat=True)) == set(months)
    bodies = accepted.values("committee", "service").distinct().count()
    assert bodies == 13 + 4  # the active committees, three KG centres and the KZ one
    states = MonthlyStatistics.objects.values_list("state", flat=True)
    assert list(states).count("submitted") == 2 and list(states).count("returned") == 1
    draft = MonthlyStatistics.objects.get(state="draft")
    assert draft.month == loaded["today"].replace(day=1)
    assert draft.committee == committee_of(User.objects.get(username="committee"))


def test_rural_figures_are_small_and_every_breakdown_adds_up(loaded):  # noqa: F811
    for row in MonthlyStatistics.objects.all():
        if row.committee_id:
            assert row.appeals_total <= 12
        for total, parts in EQUATIONS:
            assert getattr(row, total) == sum(getattr(row, part) for part in parts), row


def test_figures_are_the_same_on_every_load():
    assert demo_counts("ao-tamchy:2026-03", 0, 12) == demo_counts("ao-tamchy:2026-03", 0, 12)


def test_the_public_csv_suppresses_small_cells(loaded, client):  # noqa: F811
    answer = client.get(reverse("family_violence_csv"), {"country": "KG", "level": "region"})
    assert answer.status_code == 200
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    cells = [cell for row in rows[1:] for cell in row[5:]]
    assert len(rows) > 18 and "<5" in cells
    assert not SMALL & set(cells)


def test_the_public_pages_show_the_demo(loaded, client):  # noqa: F811
    help_page = client.get(reverse("help:index"), {"territory": "KG02215830000"}).content.decode()
    assert "102" in help_page and "Тендеш" in help_page
    figures = client.get(reverse("fv_public:figures"), {"country": "KG"})
    assert figures.status_code == 200 and "<td>&lt;5</td>" in figures.content.decode()


# What each page of the section shows from the demo, for every signed-in role of Kyrgyzstan.
PAGES = [("committees:list", "Тамчинский айыл окмоту"), ("help_services:list", "«Сезим»"),
         ("committees:coverage", "Иссык-Кульская область")]


@pytest.mark.parametrize("username", ["admin", "coordinator", "committee", "partner",
                                      "observer", "focal"])
@pytest.mark.parametrize("page, shown", PAGES)
def test_every_role_finds_the_demo_on_the_sections_pages(loaded, client, username, page,  # noqa: F811
                                                         shown):
    client.force_login(User.objects.get(username=username))
    answer = client.get(reverse(page))
    assert answer.status_code == 200 and shown in answer.content.decode()


@pytest.mark.parametrize("username", ["admin", "coordinator", "committee"])
def test_those_who_keep_or_review_forms_find_tamchys_months(loaded, client, username):  # noqa: F811
    client.force_login(User.objects.get(username=username))
    text = client.get(reverse("fv_statistics:list")).content.decode()
    assert "Тамчинский айыл окмоту" in text and "черновик" in text


def test_the_committee_page_names_its_secretary(loaded, client):  # noqa: F811
    client.force_login(User.objects.get(username="observer"))
    tamchy = committee_of(User.objects.get(username="committee"))
    text = client.get(reverse("committees:detail", args=[tamchy.pk])).content.decode()
    assert "Касымова Жаркын" in text and "ГАМСУМО" in text


def _registry() -> tuple[dict, dict]:
    data = json.loads(ORGANISATIONS_FILE.read_text(encoding="utf-8"))
    organisations = {row["key"]: Organisation.objects.get(name_ru=row["name_ru"],
                                                          country__code=row["country"])
                     for row in data["organisations"]}
    people = {row["key"]: Person.objects.get(organisation=organisations[row["organisation"]],
                                             last_name=row["last_name"])
              for row in data["people"]}
    return organisations, people


def test_a_second_load_adds_nothing(loaded):  # noqa: F811
    first = loaded["first"]["committees"]
    data = json.loads(COMMITTEES_FILE.read_text(encoding="utf-8"))
    assert first["committees"] == 14 and first["organisations"] == len(
        data["new_lsg"]) + len(data["new_centres"])
    assert first["statistics"] == 17 * 18 + 1
    nothing = dict.fromkeys(first, 0)
    assert loaded["again"]["committees"] == nothing
    before, audit = _counts(), AuditEntry.objects.count()
    organisations, people = _registry()
    again = committees_demo_load(organisations=organisations, people=people,
                                 timeline=Timeline(loaded["today"]))
    assert again == nothing
    assert _counts() == before and AuditEntry.objects.count() == audit


def test_the_command_reports_the_committees(loaded):  # noqa: F811
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert ("Committees: 0 new local committees (0 members, 0 meetings), 0 new help services, "
            "0 new monthly forms") in out.getvalue()
