"""The shared permission-matrix helper: one request per role, every mismatch reported at once."""

from dataclasses import dataclass, field

from django.test import Client

from tendik.core.permissions import Role

from .factories import CountryFactory, OrganisationFactory, user_with_role

ANONYMOUS = "anonymous"
OTHER_COUNTRY = "coordinator_kz"
ROLES = [ANONYMOUS, Role.ADMIN, Role.COORDINATOR, Role.FOCAL_POINT, Role.PARTNER,
         Role.COMMITTEE, Role.OBSERVER, OTHER_COUNTRY]


@dataclass
class World:
    """Users of every role in KG (one organisation each) and a coordinator in KZ."""

    kg: object
    kz: object
    home_org: object
    other_kg_org: object
    kz_org: object
    users: dict = field(default_factory=dict)

    def client(self, role: str) -> Client:
        client = Client()
        if role != ANONYMOUS:
            client.force_login(self.users[role])
        return client


def build_world() -> World:
    kg, kz = CountryFactory(code="KG"), CountryFactory(code="KZ")
    home = OrganisationFactory(country=kg, name_ru="Министерство труда", acronym="МТСОиМ")
    world = World(kg=kg, kz=kz, home_org=home,
                  other_kg_org=OrganisationFactory(country=kg), kz_org=OrganisationFactory(country=kz))
    for role in ROLES[1:-1]:
        world.users[role] = user_with_role(role, username=role, organisation=home)
    world.users[OTHER_COUNTRY] = user_with_role(Role.COORDINATOR, username=OTHER_COUNTRY,
                                                organisation=world.kz_org)
    return world


def expect(default: int, **overrides: int) -> dict:
    """Expected status per role: `default` for every role not named in `overrides`."""
    return {role: overrides.get(str(role), default) for role in ROLES}


def assert_matrix(world: World, method: str, url: str, expected: dict, data=None,
                  content_type: str | None = None) -> None:
    mismatches = []
    for role, status in expected.items():
        client = world.client(role)
        payload = data(role) if callable(data) else data
        kwargs = {"data": payload} if payload is not None else {}
        if content_type:
            kwargs["content_type"] = content_type
        response = getattr(client, method.lower())(url, **kwargs)
        allowed = status if isinstance(status, set | tuple) else {status}
        if response.status_code not in allowed:
            mismatches.append(f"{role}: expected {status}, got {response.status_code}")
    assert not mismatches, f"{method} {url}:\n  " + "\n  ".join(mismatches)
