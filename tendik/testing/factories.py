"""Factories for tests and benchmarks. They build rows directly: they are fixtures, not features."""

import factory

from tendik.core.permissions import Role
from tendik.organisations.models import Organisation, Person, RoleAssignment, User
from tendik.territories.models import Territory

PASSWORD = "Correct-horse-battery-9"


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Territory
        django_get_or_create = ("code",)

    code = "KG"
    level = "country"
    country_code = factory.SelfAttribute("code")
    name_ru = factory.LazyAttribute(lambda o: f"Страна {o.code}")


class TerritoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Territory

    parent = factory.SubFactory(CountryFactory)
    level = "region"
    country_code = factory.SelfAttribute("parent.country_code")
    code = factory.Sequence(lambda n: f"KG{n:011d}")
    name_ru = factory.Sequence(lambda n: f"Область {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = "ministry"
    country = factory.SubFactory(CountryFactory)
    name_ru = factory.Sequence(lambda n: f"Министерство № {n}")
    acronym = factory.Sequence(lambda n: f"МИН{n}")
    search_text = factory.LazyAttribute(lambda o: f"{o.name_ru} | {o.acronym}".lower())


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    organisation = factory.SubFactory(OrganisationFactory)
    last_name = factory.Sequence(lambda n: f"Асанова{n}")
    first_name = "Айгуль"
    sex = "female"
    position = "Специалист"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    organisation = factory.SubFactory(OrganisationFactory)
    country = factory.SelfAttribute("organisation.country")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or []:
            RoleAssignment.objects.create(user=self, role=role)


def user_with_role(role: str, **kwargs) -> User:
    roles = [role] if role else []
    if role == Role.ADMIN:
        roles = [Role.ADMIN, Role.COORDINATOR]
    return UserFactory(roles=roles, **kwargs)
