"""Any ISO 3166-1 country, named from pycountry's translations."""

import pytest

from tendik.core.errors import DomainError
from tendik.core.models import AuditEntry
from tendik.territories.countries import country_names
from tendik.territories.models import Territory
from tendik.territories.services import country_ensure
from tendik.testing.factories import user_with_role

pytestmark = pytest.mark.django_db


def test_a_country_is_named_in_all_four_languages_from_the_iso_catalogues():
    names = country_names("uz")
    assert names == {"name_en": "Republic of Uzbekistan", "name_ru": "Республика Узбекистан",
                     "name_ky": "Өзбекстан Республикасы", "name_kk": "Өзбекстан Республикасы"}


def test_a_name_missing_from_a_catalogue_is_left_empty_to_fall_back_visibly(monkeypatch):
    from tendik.territories import countries

    class Untranslated:
        def gettext(self, message):
            return message

    monkeypatch.setattr(countries, "_catalogue", lambda language: Untranslated())
    assert country_names("MN") == {"name_en": "Mongolia", "name_ru": "", "name_ky": "",
                                   "name_kk": ""}


@pytest.mark.parametrize("code", ["XX", "KGZ", "", "K1", "ЖЖ"])
def test_a_code_that_is_not_iso_3166_is_refused(code):
    with pytest.raises(DomainError, match="ISO 3166"):
        country_names(code)


def test_a_missing_country_is_added_once_and_audited():
    country, created = country_ensure(code="tj")
    assert created and country.code == "TJ" and country.level == "country"
    assert country.name_ru == "Республика Таджикистан"
    assert AuditEntry.objects.filter(object_id=str(country.pk)).count() == 1
    again, created = country_ensure(code="TJ")
    assert again == country and not created
    assert Territory.objects.filter(code="TJ").count() == 1


def test_only_an_installation_admin_adds_a_country():
    with pytest.raises(DomainError) as refused:
        country_ensure(code="TM", actor=user_with_role("coordinator", username="c"))
    assert refused.value.code == "forbidden"
    assert country_ensure(code="TM", actor=user_with_role("admin", username="a"))[1]
