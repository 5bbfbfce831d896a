import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tendik.core.errors import DomainError
from tendik.core.models import AuditAction, AuditEntry
from tendik.partners.models import ExchangeRate
from tendik.partners.money import services
from tendik.partners.money.services import exchange_rates_import

pytestmark = pytest.mark.django_db

GOOD = (b"date,currency,rate,base\n"
        b"2026-12-01,USD,87.45,KGS\n"
        b"2026-12-01,EUR,101.2,KGS\n"
        b"02.12.2026,usd,87.5,KGS\n"
        b"2026-12-01,KGS,5.81,KZT\n")


def _rates() -> dict:
    return {(r.base, r.currency, r.date.isoformat()): r.rate for r in ExchangeRate.objects.all()}


def test_a_good_file_imports_every_rate_with_its_source_and_one_audit_entry():
    result = exchange_rates_import(actor=None, file=GOOD, source="НБКР")
    assert result.as_dict() == {"read": 4, "created": 4, "updated": 0, "unchanged": 0}
    assert _rates() == {("KGS", "USD", "2026-12-01"): Decimal("87.45"),
                        ("KGS", "EUR", "2026-12-01"): Decimal("101.2"),
                        ("KGS", "USD", "2026-12-02"): Decimal("87.5"),
                        ("KZT", "KGS", "2026-12-01"): Decimal("5.81")}
    assert set(ExchangeRate.objects.values_list("source", flat=True)) == {"НБКР"}
    entry = AuditEntry.objects.get()
    assert entry.action == AuditAction.IMPORT and entry.actor_name == "system"
    assert entry.changes["created"] == {"old": None, "new": 4}
    assert entry.changes["period"]["new"] == "01.12.2026–02.12.2026"


def test_a_coordinator_imports_and_is_named_in_the_trail(world):
    exchange_rates_import(actor=world.users["coordinator"], file=GOOD)
    assert AuditEntry.objects.get().actor == world.users["coordinator"]


@pytest.mark.parametrize("role", ["focal_point", "partner", "committee", "observer"])
def test_only_coordinators_and_admins_import_rates(world, role):
    with pytest.raises(DomainError) as caught:
        exchange_rates_import(actor=world.users[role], file=GOOD)
    assert caught.value.code == "forbidden"
    assert not ExchangeRate.objects.exists()


def test_importing_the_same_file_again_writes_nothing():
    exchange_rates_import(actor=None, file=GOOD, source="НБКР")
    before = list(ExchangeRate.objects.values_list("pk", "rate", "source"))
    result = exchange_rates_import(actor=None, file=GOOD, source="другой источник")
    assert result.as_dict() == {"read": 4, "created": 0, "updated": 0, "unchanged": 4}
    assert list(ExchangeRate.objects.values_list("pk", "rate", "source")) == before
    assert AuditEntry.objects.count() == 1


def test_a_corrected_rate_updates_only_that_row():
    exchange_rates_import(actor=None, file=GOOD)
    result = exchange_rates_import(
        actor=None, file=b"date,currency,rate,base\n2026-12-01,USD,87.46,KGS\n"
                         b"2026-12-01,EUR,101.2,KGS\n", source="НБКР, исправление")
    assert result.as_dict() == {"read": 2, "created": 0, "updated": 1, "unchanged": 1}
    usd = ExchangeRate.objects.get(currency="USD", date=datetime.date(2026, 12, 1))
    assert (usd.rate, usd.source) == (Decimal("87.46"), "НБКР, исправление")
    assert AuditEntry.objects.count() == 2


@pytest.mark.parametrize("line,column", [
    (b"2026-13-01,USD,87.45,KGS", "date"),
    (b"2026-12-01,XYZ,87.45,KGS", "currency"),
    (b"2026-12-01,USD,-1,KGS", "rate"),
    (b"2026-12-01,USD,abc,KGS", "rate"),
    (b"2026-12-01,USD,87.45,RUB", "base"),
    (b"2026-12-01,KGS,1,KGS", "currency"),
    (b"2026-12-01,USD,87.99,KGS", "rate"),  # another rate for a day already in the file
])
def test_one_bad_row_imports_nothing_and_names_its_row_and_column(line, column):
    with pytest.raises(DomainError) as caught:
        exchange_rates_import(actor=None, file=GOOD + line + b"\n")
    problem = caught.value.errors[0]
    assert (problem["row"], problem["column"], problem["field"]) == (6, column, "file")
    assert problem["message"].startswith(f"Строка 6, столбец «{column}»")
    assert not ExchangeRate.objects.exists() and not AuditEntry.objects.exists()


def test_every_bad_row_is_listed_not_only_the_first():
    with pytest.raises(DomainError) as caught:
        exchange_rates_import(actor=None, file=b"date,currency,rate,base\n"
                                                b"x,USD,1,KGS\n2026-01-01,USD,1,KGS\n"
                                                b"2026-01-01,EUR,0,KGS\n")
    assert [(e["row"], e["column"]) for e in caught.value.errors] == [(2, "date"), (4, "rate")]
    assert "ошибок: 2" in str(caught.value)


def test_a_missing_column_is_named():
    with pytest.raises(DomainError, match="нет столбцов rate"):
        exchange_rates_import(actor=None, file=b"date,currency,base\n2026-12-01,USD,KGS\n")


def test_a_nominal_gives_the_rate_of_one_unit_and_semicolons_with_decimal_commas_are_read():
    exchange_rates_import(actor=None, file="Дата;Currency;Nominal;Rate;Base\n"
                          "03.12.2026;KZT;100;17,12;KGS\n".replace("Дата", "date").encode())
    assert ExchangeRate.objects.get().rate == Decimal("0.1712")


def test_rows_given_as_dicts_import_like_a_file():
    result = exchange_rates_import(actor=None, rows=[
        {"date": "2026-12-01", "currency": "USD", "rate": "87.45", "base": "KGS"}])
    assert result.created == 1


def test_a_file_too_large_is_refused(monkeypatch):
    monkeypatch.setattr(services, "MAX_BYTES", len(GOOD) - 1)
    with pytest.raises(DomainError) as caught:
        exchange_rates_import(actor=None, file=GOOD)
    assert caught.value.code == "too_large"


def test_a_file_that_is_not_utf8_is_refused_naming_the_encoding():
    with pytest.raises(DomainError, match="UTF-8"):
        exchange_rates_import(actor=None, file="date,currency,rate,base\n".encode("cp1251")
                              + "01.12.2026,USD,87,KGS\nй".encode("cp1251"))


def test_an_empty_table_is_refused():
    with pytest.raises(DomainError, match="нет ни одного курса"):
        exchange_rates_import(actor=None, file=b"date,currency,rate,base\n")


def test_the_command_prints_the_counts(tmp_path):
    path = tmp_path / "rates.csv"
    path.write_bytes(GOOD)
    out = StringIO()
    call_command("import_rates", str(path), "--source", "НБКР", stdout=out)
    assert out.getvalue().strip() == "read=4 created=4 updated=0 unchanged=0"
    assert ExchangeRate.objects.filter(source="НБКР").count() == 4


def test_the_command_names_the_bad_row_and_imports_nothing(tmp_path):
    path = tmp_path / "rates.csv"
    path.write_bytes(GOOD + b"2026-12-01,USD,x,KGS\n")
    with pytest.raises(CommandError, match="Строка 6, столбец «rate»"):
        call_command("import_rates", str(path))
    assert not ExchangeRate.objects.exists()
