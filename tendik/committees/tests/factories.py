"""Rows of the committees app for tests and benchmarks. They build rows directly: fixtures, not
features (writes under test go through the services)."""

import datetime

import factory

from tendik.committees.models import (
    Committee,
    CommitteeMeeting,
    CommitteeMember,
    HelpService,
    MonthlyStatistics,
)
from tendik.testing.factories import CountryFactory, OrganisationFactory, TerritoryFactory


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee

    country = factory.SubFactory(CountryFactory)
    territory = factory.SubFactory(TerritoryFactory, parent=factory.SelfAttribute("..country"),
                                   level="district")
    organisation = factory.SubFactory(OrganisationFactory, kind="lsg",
                                      country=factory.SelfAttribute("..country"),
                                      territory=factory.SelfAttribute("..territory"))
    established = datetime.date(2023, 5, 1)
    act = "Распоряжение айыл окмоту № 12 от 01.05.2023"


class CommitteeMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitteeMember

    committee = factory.SubFactory(CommitteeFactory)
    name = factory.Sequence(lambda n: f"Член комитета {n}")
    position = "Участковый инспектор"
    institution = "police"


class CommitteeMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitteeMeeting

    committee = factory.SubFactory(CommitteeFactory)
    date = datetime.date(2026, 3, 12)
    agenda = "О работе с обращениями за первый квартал"
    attended_women = 5
    attended_men = 3


class HelpServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HelpService

    country = factory.SubFactory(CountryFactory)
    organisation = factory.SubFactory(OrganisationFactory, kind="crisis_centre",
                                      country=factory.SelfAttribute("..country"))
    name_ru = factory.Sequence(lambda n: f"Кризисный центр № {n}")
    services = "shelter,psychological,legal"
    hours = "круглосуточно"
    phone = "+996 312 000 000"
    languages = "ru,ky"
    shelter_beds = 12


class MonthlyStatisticsFactory(factory.django.DjangoModelFactory):
    """Consistent counts: parts add up to their totals."""

    class Meta:
        model = MonthlyStatistics

    committee = factory.SubFactory(CommitteeFactory)
    territory = factory.SelfAttribute("committee.territory")
    country = factory.SelfAttribute("committee.country")
    month = datetime.date(2026, 1, 1)
    appeals_total, appeals_physical, appeals_psychological = 12, 5, 4
    appeals_economic, appeals_sexual = 2, 1
    persons_total, persons_women, persons_men = 12, 10, 2
    persons_age_0_17, persons_age_18_29, persons_age_30_44 = 1, 4, 5
    persons_age_45_59, persons_age_60_99 = 2, 0
    protection_orders_total = 6
    referrals_total, referrals_police, referrals_health = 9, 4, 2
    referrals_shelter, referrals_legal_aid, referrals_social_protection = 1, 1, 1
    correctional_programmes_total = 3
