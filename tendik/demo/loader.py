"""The demo data set: territories, the organisations of the seeds, their people, one login per role,
plans and reports.

The Kyrgyz territory tree is the shipped Open Admin Data copy (CC-BY-4.0), imported through the
territory service; the rest was written by the Tendik team from public facts. Dates follow the
day of loading (`timeline.py`). Loading is idempotent: a second run changes nothing but the demo
passwords.
"""

import datetime
import json
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from tendik.core.permissions import Role
from tendik.organisations import services as org_services
from tendik.organisations.models import NameKind, Organisation, Person, User
from tendik.territories.models import Territory
from tendik.territories.open_admin_data import parse_path
from tendik.territories.services import territory_import, territory_save

from .committees import committees_demo_load
from .documents import documents_demo_load
from .exports import national_report_demo_load
from .opendata import opendata_demo_load
from .partners import partners_demo_load
from .plans import plans_demo_load
from .reporting import reporting_demo_load
from .timeline import Timeline

ROOT = Path(__file__).resolve().parent
TERRITORIES_FILE = ROOT / "data" / "territories.json"
ORGANISATIONS_FILE = ROOT / "data" / "organisations.json"
KG_ADMIN = ROOT.parent / "territories" / "reference" / "kg-admin"
DEFAULT_PASSWORD = "Tendik-demo-2026"  # noqa: S105 — the documented demo password (README)

DEMO_USERS = [
    # username, person key, roles
    ("admin", "p-admin", [Role.ADMIN, Role.COORDINATOR]),
    ("coordinator", "p-coordinator", [Role.COORDINATOR]),
    ("focal", "p-focal", [Role.FOCAL_POINT]),
    ("partner", "p-partner", [Role.PARTNER]),
    ("committee", "p-committee", [Role.COMMITTEE]),
    ("observer", "p-observer", [Role.OBSERVER]),
    ("coordinator-kz", "p-coordinator-kz", [Role.COORDINATOR]),
    ("focal-kz", "fp-kz-mtszn", [Role.FOCAL_POINT]),
]


def _date(text: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


def _load_territories() -> dict[str, Territory]:
    """Countries and KZ regions from our fixture; Kyrgyzstan's real tree from Open Admin Data.

    Open Admin Data names places in Kyrgyz and English only, so our Russian and Kazakh names of
    the regions and districts are added by code.
    """
    data = json.loads(TERRITORIES_FILE.read_text(encoding="utf-8"))
    territories: dict[str, Territory] = {}
    for row in data["countries"] + data["regions"]:
        fields = {
            "level": row["level"],
            "parent": territories.get(row["parent"]) if row["parent"] else None,
            "country_code": row["code"][:2],
            "valid_from": _date(row.get("valid_from")),
            **{f"name_{lang}": row[f"name_{lang}"] for lang in ("ru", "ky", "kk", "en")},
        }
        territories[row["code"]], _outcome = territory_save(code=row["code"], data=fields)
    territory_import(records=parse_path(KG_ADMIN))
    for code, names in data["kg_names"].items():
        territory_save(code=code, data=names)
    territories.update({t.code: t for t in Territory.objects.filter(country_code="KG")})
    return territories


def _other_names(organisation: Organisation, row: dict) -> None:
    wanted = [(NameKind.ACRONYM, "", acronym, None, None) for acronym in row["acronyms"][1:]]
    for former in row.get("former_names", []):
        start, end = _date(former.get("valid_from")), _date(former.get("valid_to"))
        wanted.append((NameKind.FORMER, former["name_ru"], former.get("acronym", ""), start, end))
        if former.get("name_en"):
            wanted.append((NameKind.FORMER, former["name_en"], former.get("acronym_en", ""),
                           start, end))
    have = {(o.kind, o.name, o.acronym) for o in organisation.other_names.all()}
    for kind, name, acronym, start, end in wanted:
        if (kind, name, acronym) not in have:
            org_services.organisation_name_add(organisation=organisation, actor=None, kind=kind,
                                               name=name, acronym=acronym, valid_from=start,
                                               valid_to=end)


def _load_organisations(territories) -> tuple[dict[str, Organisation], dict[str, Person]]:
    data = json.loads(ORGANISATIONS_FILE.read_text(encoding="utf-8"))
    organisations: dict[str, Organisation] = {}
    for row in data["organisations"]:
        country = territories.get(row["country"]) if row["country"] else None
        fields = {
            "kind": row["kind"], "country": country,
            "territory": territories.get(row["territory"]) if row["territory"] else None,
            "parent": organisations.get(row["parent"]) if row["parent"] else None,
            "acronym": row["acronyms"][0] if row["acronyms"] else "",
            **{f"name_{lang}": row[f"name_{lang}"] for lang in ("ru", "ky", "kk", "en")},
        }
        organisation = Organisation.objects.filter(country=country, name_ru=row["name_ru"]).first()
        if organisation is None:
            organisation = org_services.organisation_create(actor=None, **fields)
        organisations[row["key"]] = organisation
        _other_names(organisation, row)
    people: dict[str, Person] = {}
    for row in data["people"]:
        organisation = organisations[row["organisation"]]
        person = Person.objects.filter(organisation=organisation, last_name=row["last_name"],
                                       first_name=row["first_name"]).first()
        if person is None:
            person = org_services.person_create(
                actor=None, organisation=organisation, last_name=row["last_name"],
                first_name=row["first_name"], patronymic=row.get("patronymic", ""),
                sex=row["sex"], position=row.get("position_ru", ""),
                is_focal_point=row["is_focal_point"], email=row.get("email", ""),
                phone=row.get("phone", ""))
        people[row["key"]] = person
    return organisations, people


def _load_users(people: dict[str, Person], password: str) -> list[str]:
    loaded = []
    for username, person_key, roles in DEMO_USERS:
        person = people[person_key]
        user = User.objects.filter(username=username).first()
        if user is None:
            org_services.user_create(
                actor=None, username=username, password=password,
                organisation=person.organisation, country=person.organisation.country,
                roles=list(roles), email=person.email, first_name=person.first_name,
                last_name=person.last_name, person=person, check_password=False)
        else:
            user.set_password(password)
            user.save(update_fields=["password"])
        loaded.append(username)
    return loaded


@transaction.atomic
def demo_load(*, password: str = DEFAULT_PASSWORD, today: datetime.date | None = None) -> dict:
    timeline = Timeline(today or timezone.localdate())
    territories = _load_territories()
    organisations, people = _load_organisations(territories)
    users = _load_users(people, password)
    plans = plans_demo_load(organisations=organisations, timeline=timeline)
    reporting = reporting_demo_load(timeline=timeline, organisations=organisations)
    national_reports = national_report_demo_load()
    opendata = opendata_demo_load()
    documents = documents_demo_load(today=timeline.today)
    partners = partners_demo_load(organisations=organisations, people=people, timeline=timeline)
    committees = committees_demo_load(organisations=organisations, people=people,
                                      timeline=timeline)
    return {"partners": partners, "committees": committees, "national_reports": national_reports,
            "documents": documents,
            "territories": len(territories), **opendata,
            "organisations": len(organisations), "people": len(people), "users": users,
            "today": timeline.today, **plans, **reporting}
