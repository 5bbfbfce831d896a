"""The «Национальный доклад» page: the form and the earlier reports, a request that redirects to
its row, a refused choice shown beside its field with every typed value kept, the polled row,
the download, and the job page once the job has ended."""

import re
from urllib.parse import unquote

import pytest
from django.urls import reverse

from tendik.exports import services
from tendik.exports.models import NationalReport
from tendik.exports.services import national_report_job_run, national_report_request

pytestmark = pytest.mark.django_db

PAGE = reverse("exports:national_report")


def _form(national, **overrides) -> dict:
    return {"plan": national["plan"].pk, "period_from": national["p22"].pk,
            "period_to": national["p23"].pk, "format": "pdf", "language": "ru", **overrides}


def _requested(coordinator, national, **overrides) -> NationalReport:
    params = {"plan_id": national["plan"].pk, "period_from": str(national["p22"].pk),
              "period_to": str(national["p23"].pk), "fmt": "xlsx", "language": "ru"}
    report, _created = national_report_request(actor=coordinator, **{**params, **overrides})
    return report


def _built(coordinator, national, **overrides) -> NationalReport:
    report = _requested(coordinator, national, **overrides)
    national_report_job_run(job_id=report.job_id)
    report.refresh_from_db()
    return report


def _failed(coordinator, national, monkeypatch) -> NationalReport:
    def broken(document):
        raise OSError("broken image")

    monkeypatch.setattr(services, "renderer", lambda fmt: broken)
    return _built(coordinator, national)


def test_the_page_shows_the_form_and_the_earlier_reports(world, coordinator, national):
    report = _built(coordinator, national)
    response = world.client("coordinator").get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    for field in ("plan", "period_from", "period_to", "language"):
        assert f'id="id_{field}"' in html, field
    assert 'name="format" value="docx"' in html
    row = re.search(rf'<tr id="report-{report.pk}".*?</tr>', html, re.S).group(0)
    assert "НПД 2022–2024" in row and "2022 – 2023" in row and "XLSX" in row
    assert reverse("exports:download", args=[report.pk]) in row
    assert "учтено отчётов: 3" in row and "данные на 05.02.2024 10:00" in row


def test_a_request_redirects_to_its_row(world, national):
    response = world.client("coordinator").post(PAGE, _form(national))
    report = NationalReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{PAGE}#report-{report.pk}"
    assert (report.format, report.language, report.job.status) == ("pdf", "ru", "queued")


def test_a_refused_language_is_a_400_beside_its_field_keeping_every_typed_value(
        world, national):
    data = _form(national, language="kk")  # Kazakh is for KZ plans
    response = world.client("coordinator").post(PAGE, data)
    assert response.status_code == 400
    html = response.content.decode()
    language = re.search(r'<div class="form-row field-error">\s*<label for="id_language">.*?</div>',
                         html, re.S)
    assert language and "ru, ky, en" in language.group(0)
    assert html.count("field-error") == 1
    for field in ("plan", "period_from", "period_to", "language"):
        select = re.search(rf'<select name="{field}".*?</select>', html, re.S).group(0)
        assert re.search(rf'<option value="{data[field]}" selected>', select), field
    assert re.search(r'<input type="radio" name="format" value="pdf"[^>]*checked', html)
    assert not NationalReport.objects.exists()


def test_reporters_are_refused_and_the_anonymous_sent_to_log_in(world, national):
    assert world.client("focal_point").get(PAGE).status_code == 403
    assert world.client("focal_point").post(PAGE, _form(national)).status_code == 403
    anonymous = world.client("anonymous").get(PAGE)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/login/")


def test_the_row_polls_while_the_job_runs_and_offers_the_file_once_built(
        world, coordinator, national):
    report = _requested(coordinator, national)
    url = reverse("exports:row", args=[report.pk])
    client = world.client("coordinator")
    running = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert running.strip().startswith(f'<tr id="report-{report.pk}"')
    assert f'hx-get="{url}"' in running and "<progress" in running
    assert 'data-job-status="queued"' in running
    national_report_job_run(job_id=report.job_id)
    done = client.get(url).content.decode()
    assert "hx-trigger" not in done and "<progress" not in done
    assert f'href="{reverse("exports:download", args=[report.pk])}"' in done
    assert "Скачать" in done
    assert world.client("coordinator_kz").get(url).status_code == 404


def test_the_row_of_a_failed_job_says_why(world, coordinator, national, monkeypatch):
    report = _failed(coordinator, national, monkeypatch)
    row = world.client("coordinator").get(reverse("exports:row", args=[report.pk]))
    html = row.content.decode()
    assert 'data-job-status="failed"' in html and 'role="alert"' in html
    assert "Не удалось сформировать файл XLSX (OSError)" in html
    assert "hx-trigger" not in html


def test_a_report_not_built_yet_cannot_be_downloaded(world, coordinator, national):
    report = _requested(coordinator, national)
    url = reverse("exports:download", args=[report.pk])
    assert world.client("coordinator").get(url).status_code == 404


def test_the_file_downloads_for_the_countrys_managers_only(world, coordinator, national):
    report = _built(coordinator, national)
    url = reverse("exports:download", args=[report.pk])
    response = world.client("admin").get(url)
    assert response.status_code == 200
    disposition = unquote(response["Content-Disposition"])
    assert disposition == "attachment; filename*=utf-8''НПД 2022–2024 2022 – 2023 ru.xlsx"
    assert b"".join(response.streaming_content).startswith(b"PK")
    assert world.client("coordinator_kz").get(url).status_code == 404
    assert world.client("focal_point").get(url).status_code == 403


def test_the_job_page_links_the_file_when_done(world, coordinator, national):
    report = _built(coordinator, national)
    html = world.client("coordinator").get(reverse("job", args=[report.job_id])).content.decode()
    assert 'data-job-status="done"' in html
    assert f'href="{reverse("api-national-report-download", args=[report.pk])}" data-job-result' in html


def test_the_job_page_says_why_it_failed(world, coordinator, national, monkeypatch):
    report = _failed(coordinator, national, monkeypatch)
    html = world.client("coordinator").get(reverse("job", args=[report.job_id])).content.decode()
    assert 'data-job-status="failed"' in html
    assert "Задание не выполнено: Не удалось сформировать файл XLSX (OSError)" in html
    assert "data-job-result" not in html
