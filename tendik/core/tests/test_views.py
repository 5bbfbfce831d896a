import pytest
from django.urls import reverse
from django.utils import translation
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tendik.core.models import AuditEntry
from tendik.testing.factories import PASSWORD

pytestmark = pytest.mark.django_db


def login(client, username, password=PASSWORD, token=""):
    return client.post(reverse("login"), {"username": username, "password": password,
                                          "otp_token": token})


def test_login_and_logout(world, client):
    assert login(client, "coordinator").status_code == 302
    signed_in = client.get(reverse("home"))
    assert signed_in.status_code == 200 and reverse("logout") in signed_in.content.decode()
    client.post(reverse("logout"))
    # Signed out, the home page is the public portal, not a login redirect.
    public = client.get(reverse("home"))
    assert public.status_code == 200 and reverse("logout") not in public.content.decode()


def test_repeated_wrong_passwords_lock_the_login(world, client, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = login(client, "focal_point", "wrong-password")
        assert response.status_code in {200, 429}
    locked = login(client, "focal_point")  # even the right password is refused now
    assert locked.status_code == 429
    assert "заблокирован" in locked.content.decode()


def test_behind_the_proxy_a_forged_forwarded_address_neither_escapes_nor_spreads_a_lockout(
        world, settings):
    """nginx overwrites X-Forwarded-For with the peer's address; a client that sends its own
    still counts as the address the proxy saw, and another address is not locked out with it."""
    from django.test import Client

    settings.TENDIK_PROXY_COUNT = 1
    attacker = Client(REMOTE_ADDR="10.0.0.1")  # every request arrives from nginx
    for forged in range(settings.AXES_FAILURE_LIMIT):
        attacker.post(reverse("login"), {"username": "focal_point", "password": "wrong"},
                      HTTP_X_FORWARDED_FOR=f"192.0.2.{forged}, 203.0.113.7")
    refused = attacker.post(reverse("login"), {"username": "focal_point", "password": PASSWORD},
                            HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7")
    assert refused.status_code == 429
    colleague = Client(REMOTE_ADDR="10.0.0.1").post(
        reverse("login"), {"username": "focal_point", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert colleague.status_code == 302


def test_api_token_login_is_locked_too(world, client, settings):
    url = reverse("api-token")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": "observer", "password": "nope"},
                    content_type="application/json")
    response = client.post(url, {"username": "observer", "password": PASSWORD},
                           content_type="application/json")
    assert response.status_code in {403, 429}


def test_two_factor_setup_and_login(world, client):
    coordinator = world.users["coordinator"]
    client.force_login(coordinator)
    client.post(reverse("two_factor"), {"action": "start"})
    device = TOTPDevice.objects.get(user=coordinator, confirmed=False)
    wrong = client.post(reverse("two_factor"), {"action": "confirm", "token": "000000"})
    assert "Неверный код" in wrong.content.decode()
    code = f"{totp(device.bin_key):06d}"
    client.post(reverse("two_factor"), {"action": "confirm", "token": code})
    device.refresh_from_db()
    assert device.confirmed
    client.logout()
    without = login(client, "coordinator")
    assert without.status_code == 200 and "Введите код" in without.content.decode()
    device.refresh_from_db()
    device.last_t = -1  # allow the same time step again in this test
    device.save()
    assert login(client, "coordinator", token=f"{totp(device.bin_key):06d}").status_code == 302
    assert AuditEntry.objects.filter(object_id=str(coordinator.pk),
                                     changes__has_key="two_factor").exists()


def test_audit_search_filters(world):
    client = world.client("coordinator")
    client.post(reverse("organisations:edit", args=[world.home_org.pk]), {
        "kind": "ministry", "name_ru": world.home_org.name_ru, "name_en": "Labour",
        "acronym": "МТСОиМ", "country": world.kg.pk, "is_active": "on", "reason": "уточнение"})
    page = client.get(reverse("audit"), {"text": "уточнение"})
    assert "Labour" in page.content.decode()
    assert "Labour" not in client.get(reverse("audit"), {"actor": "nobody"}).content.decode()


def test_security_headers(client):
    response = client.get(reverse("login"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "http" not in policy
    assert response["X-Frame-Options"] == "DENY"


def test_pages_render_in_every_language(world):
    client = world.client("coordinator")
    for language, word in [("ky", "Уюмдар"), ("kk", "Ұйымдар"), ("en", "Organisations")]:
        client.post(reverse("set_language"), {"language": language, "next": "/"})
        assert word in client.get(reverse("organisations:list")).content.decode(), language


def _history(client, measure) -> str:
    return client.get(reverse("plans:measure_history", args=[measure.pk])).content.decode()


def test_history_shows_field_labels_and_names_not_keys(world):
    from tendik.core.audit import audit_log
    from tendik.plans.tests.factories import build_plan

    plan, _ = build_plan(world, measures_per_objective=1)
    measure = plan.measures.first()
    coordinator = world.users["coordinator"]
    audit_log(actor=coordinator, instance=measure, action="update", changes={
        "lead_executor": {"old": world.home_org.pk, "new": world.other_kg_org.pk},
        "deadline_kind": {"old": "date", "new": "ongoing"},
        "observations": {f"{measure.indicators.get().pk}:total": {"old": "1", "new": "2"}},
        "uid": {"old": "a", "new": "b"}})
    page = _history(world.client("coordinator"), measure)
    assert "<strong>Соисполнители</strong>" in page and "co_executors" not in page
    assert f"<del>{world.home_org}</del>" in page and f"<ins>{world.other_kg_org}</ins>" in page
    assert "<ins>постоянно</ins>" in page and "<strong>Uid</strong>" not in page
    assert "Значения индикаторов" in page and "И-1.1 (итого): <del>1</del>" in page


def test_history_page_uses_a_constant_number_of_queries(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tendik.plans import services
    from tendik.plans.tests.factories import build_plan

    plan, _ = build_plan(world, measures_per_objective=1)
    measure = plan.measures.first()
    client = world.client("coordinator")

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            _history(client, measure)
        return len(captured)

    count()
    few = count()
    for number in range(5):
        services.measure_update(actor=world.users["coordinator"], measure=measure,
                                title_ru=f"Новое название {number}",
                                co_executors=[world.home_org] if number % 2 else [])
    assert count() == few


def test_job_page_shows_the_progress_message_in_the_readers_language(world):
    from tendik.core.models import Job
    from tendik.core.services import job_progress

    coordinator = world.users["coordinator"]
    job = Job.objects.create(kind="territory_import", created_by=coordinator)
    job_progress(job=job, progress=20, message="представлен")  # a msgid the catalogues have
    client = world.client("coordinator")
    assert "20% представлен" in client.get(reverse("job", args=[job.pk])).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "20% submitted" in client.get(reverse("job", args=[job.pk])).content.decode()


def test_job_message_parameters_are_filled_in_after_translation(world):
    from tendik.core.models import Job
    from tendik.core.services import job_progress

    job = Job.objects.create(kind="territory_import")
    job_progress(job=job, progress=50, message="просрочен на %(n)s дн.", params={"n": 3})
    job.refresh_from_db()
    with translation.override("en"):
        assert job.message_text == "3 day(s) overdue"
    with translation.override("ru"):
        assert job.message_text == "просрочен на 3 дн."


def test_switching_the_language_in_the_top_bar_sets_the_mail_language(world):
    focal = world.users["focal_point"]
    client = world.client("focal_point")
    client.post(reverse("set_language"), {"language": "kk", "next": "/"})
    focal.refresh_from_db()
    assert focal.language == "kk"
    assert AuditEntry.objects.filter(object_id=str(focal.pk), changes__has_key="language").exists()
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    focal.refresh_from_db()
    assert focal.language == "kk"
