import pytest
from django.core.management import CommandError, call_command

from tendik.core.models import AuditEntry
from tendik.core.permissions import is_installation_admin
from tendik.organisations.models import User

pytestmark = pytest.mark.django_db


def test_the_first_administrator_is_created_with_the_admin_role_and_audited(monkeypatch):
    monkeypatch.setenv("TENDIK_ADMIN_PASSWORD", "Nachalo-raboty-2026")
    call_command("create_admin", "root-admin", "--email", "it@example.gov.kg")
    user = User.objects.get(username="root-admin")
    assert is_installation_admin(user) and user.check_password("Nachalo-raboty-2026")
    assert user.organisation is None and user.country is None
    assert AuditEntry.objects.filter(object_id=str(user.pk)).exists()


def test_a_weak_password_or_a_taken_name_is_refused_and_nothing_is_created(monkeypatch):
    monkeypatch.setenv("TENDIK_ADMIN_PASSWORD", "12345")
    with pytest.raises(CommandError):
        call_command("create_admin", "root-admin")
    assert not User.objects.filter(username="root-admin").exists()
    monkeypatch.setenv("TENDIK_ADMIN_PASSWORD", "Nachalo-raboty-2026")
    call_command("create_admin", "root-admin")
    with pytest.raises(CommandError, match="уже существует"):
        call_command("create_admin", "ROOT-admin")
