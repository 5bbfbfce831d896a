"""Rows of the partners app for tests and benchmarks. They build rows directly: fixtures, not
features (writes under test go through the services)."""

import datetime
from decimal import Decimal

import factory

from tendik.partners.models import (
    Commitment,
    CommitmentProgress,
    Disbursement,
    Engagement,
    ExchangeRate,
    FollowUp,
    Project,
    ProjectBudgetLine,
    ProjectPartner,
)
from tendik.testing.factories import CountryFactory, OrganisationFactory


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    country = factory.SubFactory(CountryFactory)
    title_ru = factory.Sequence(lambda n: f"Проект № {n}")
    period_start = datetime.date(2023, 1, 1)
    period_end = datetime.date(2026, 12, 31)
    status = "active"


class ProjectPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectPartner

    project = factory.SubFactory(ProjectFactory)
    organisation = factory.SubFactory(OrganisationFactory, kind="international")
    role = "donor"


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectBudgetLine

    project = factory.SubFactory(ProjectFactory)
    year = 2024
    amount = Decimal("100000")
    currency = "USD"
    source = "donor"


class DisbursementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Disbursement

    project = factory.SubFactory(ProjectFactory)
    date = datetime.date(2024, 3, 15)
    amount = Decimal("25000")
    currency = "USD"


class ExchangeRateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExchangeRate
        django_get_or_create = ("base", "currency", "date")

    date = datetime.date(2024, 3, 15)
    currency = "USD"
    base = "KGS"
    rate = Decimal("89.5")


class EngagementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Engagement

    country = factory.SubFactory(CountryFactory)
    kind = "bilateral"
    date = datetime.date(2025, 3, 4)
    place = "Бишкек"
    title_ru = factory.Sequence(lambda n: f"Встреча № {n}")


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    engagement = factory.SubFactory(EngagementFactory)
    text = "Подготовить дорожную карту сотрудничества"
    owner = factory.SubFactory(OrganisationFactory)
    due_date = datetime.date(2025, 6, 30)


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    country = factory.SubFactory(CountryFactory)
    made_by = factory.SubFactory(OrganisationFactory)
    framework = "generation_equality"
    action_coalition = "gbv"
    title_ru = factory.Sequence(lambda n: f"Обязательство № {n}")
    text_ru = "Принять программу профилактики гендерного насилия"
    target_date = datetime.date(2026, 12, 31)


class CommitmentProgressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitmentProgress

    commitment = factory.SubFactory(CommitmentFactory)
    year = 2024
    status = "in_progress"
    percent = 40
    text = "Разработан проект программы"
