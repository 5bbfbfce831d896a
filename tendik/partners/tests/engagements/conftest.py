import datetime

import pytest

from tendik.partners.engagements import services

MEETING_DAY = datetime.date(2025, 3, 4)


def record(world, actor=None, **overrides):
    """A KG meeting recorded by the coordinator, with one agreement owned by the users' org."""
    data = {"country": "KG", "kind": "bilateral", "date": MEETING_DAY, "place": "Бишкек",
            "title_ru": "Министр принимает представителя ООН-Женщины",
            "topics": ["экономические возможности женщин", "дорожная карта"],
            "organisations": [world.home_org.pk, world.other_kg_org.pk],
            "participants": [{"name": "Асанова Айгуль", "position": "министр",
                              "organisation": world.home_org.pk}],
            "follow_ups": [{"text": "Подготовить дорожную карту", "owner": world.home_org.pk,
                            "due_date": datetime.date(2025, 6, 30)}]}
    data.update(overrides)
    return services.engagement_create(actor=actor or world.users["coordinator"], **data)


@pytest.fixture
def meeting(world):
    return record(world)
