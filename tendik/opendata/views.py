"""The machine-readable open data: catalogue, per-indicator files, SDMX structure, all-data ZIP.

Anonymous, GET and HEAD only. Everything reads the public scope, so an unpublished or unknown
indicator is the same 404. Each answer carries an ETag and Last-Modified made of the public
data's fingerprint (and the language and address), a public cache lifetime, and the licence as an
HTTP `Link: <…>; rel="license"` header. Errors are JSON `{detail, errors}`, never a 500."""

import hashlib
import json
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import FileResponse, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_safe

from tendik.core.api import DOMAIN_STATUS
from tendik.core.errors import DomainError

from . import exporting, sdmx_write
from .selectors import (
    current_archive,
    public_country,
    public_data_modified,
    public_data_version,
    public_dates,
    published_countries,
    published_indicator,
    published_indicators,
)
from .services import open_data_archive_request

MAX_AGE = 300  # seconds a public copy may be reused without asking
KEPT = 3600  # seconds; an entry is only ever dropped for memory, never for staleness
RETRY_AFTER = 30  # seconds: a national archive builds in 12–15 s (bench_opendata.py)
FORMATS = {
    "csv": exporting.CSV_TYPE, "json": exporting.JSON_TYPE, "xlsx": exporting.XLSX_TYPE,
    "xml": exporting.SDMX_TYPE,
}
STRUCTURE_TYPE = "application/vnd.sdmx.structure+xml; version=2.1"


def _licence_link(response: HttpResponse) -> HttpResponse:
    response["Link"] = f'<{settings.TENDIK_OPEN_DATA_LICENCE_URL}>; rel="license"'
    return response


def _error(error: DomainError) -> JsonResponse:
    status = DOMAIN_STATUS.get(error.code, 400)
    body = {"detail": str(error)}
    if status == 400:
        body["errors"] = error.errors or []
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def _tag(request, version: str) -> str:
    raw = "|".join((version, get_language() or "", request.get_full_path()))
    return hashlib.blake2s(raw.encode(), digest_size=12).hexdigest()


def open_data(resolve):
    """GET/HEAD; `resolve(request, **kwargs)` reads the request (a DomainError becomes its
    status) and returns what the answer depends on: (data version, last modified), or None for
    an answer that must not be confirmed by a 304."""
    def decorate(view):
        def etag(request, **kwargs):
            state = request.open_data_state
            return None if state is None else _tag(request, state[0])

        def last_modified(request, **kwargs):
            state = request.open_data_state
            return None if state is None else state[1]

        conditional = condition(etag_func=etag, last_modified_func=last_modified)(view)

        @require_safe
        @wraps(view)
        def wrapper(request, **kwargs):
            try:
                request.open_data_state = resolve(request, **kwargs)
                response = conditional(request, **kwargs)
            except DomainError as error:
                return _error(error)
            if response.status_code in (200, 304):
                patch_cache_control(response, public=True, max_age=MAX_AGE)
            return _licence_link(response)
        return wrapper
    return decorate


def _state(country) -> tuple[str, object]:
    return public_data_version(country), public_data_modified(country)


def _cached(request, parts: tuple, compute) -> bytes:
    """The answer's bytes kept under the public data's fingerprint and the language: a new
    publication, withdrawal or import changes the key, so nothing stale is ever served."""
    raw = "|".join(map(str, (request.open_data_state[0], get_language() or "", *parts)))
    key = "opendata:" + hashlib.blake2s(raw.encode(), digest_size=16).hexdigest()
    content = cache.get(key)
    if content is None:
        content = compute()
        cache.set(key, content, KEPT)
    return content


def _attachment(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


# ---------------------------------------------------------------- catalogue

def _catalogue_state(request):
    raw = request.GET.get("country")
    request.open_data_country = public_country(raw) if raw else None
    return _state(request.open_data_country)


class Urls:
    """Where each distribution is served (paths; the catalogue makes them absolute)."""

    @staticmethod
    def indicator(indicator, ext: str) -> str:
        return reverse("opendata:indicator", kwargs={"name": f"{indicator.code}.{ext}"}) + (
            f"?country={indicator.country.code}")

    @staticmethod
    def archive(country) -> str:
        return reverse("opendata:archive") + f"?country={country.code}"


@open_data(_catalogue_state)
def catalogue(request):
    country = request.open_data_country
    countries = [country] if country else list(published_countries())
    archives = [a for a in (current_archive(c) for c in countries) if a is not None]

    def document() -> bytes:
        indicators = list(published_indicators(country))
        return json.dumps(exporting.catalogue_document(
            indicators=indicators, dates=public_dates([i.pk for i in indicators]),
            archives=archives, absolute=request.build_absolute_uri, urls=Urls),
            ensure_ascii=False, indent=1).encode()

    # A built archive joins the catalogue without a change of the data: it is part of the key.
    content = _cached(request, ("catalogue", request.build_absolute_uri("/"),
                                country.pk if country else "", [a.pk for a in archives]),
                      document)
    return HttpResponse(content, content_type=exporting.JSON_TYPE)


# ---------------------------------------------------------------- one indicator

def _indicator_state(request, name: str):
    code, _dot, fmt = name.rpartition(".")
    if fmt not in FORMATS or not code:
        raise DomainError(_("Нет такого файла: ожидается <код>.csv, .json, .xlsx или .xml"),
                          code="not_found")
    request.open_data_format = fmt
    request.open_data_indicator = published_indicator(code, request.GET.get("country") or None)
    return _state(request.open_data_indicator.country)


@open_data(_indicator_state)
def indicator_file(request, name: str):
    indicator, fmt = request.open_data_indicator, request.open_data_format
    name = exporting.csv_name(indicator)[:-4] + f"-{indicator.country.code.lower()}.{fmt}"
    write = {"csv": exporting.csv_bytes, "json": exporting.json_bytes,
             "xlsx": exporting.xlsx_bytes, "xml": sdmx_write.data_bytes}[fmt]
    content = _cached(request, ("indicator", indicator.pk, fmt),
                      lambda: write(exporting.table_of(indicator)))
    return _attachment(content, FORMATS[fmt], name)


def _structure_state(request):
    country = public_country(request.GET.get("country") or "")
    code = request.GET.get("indicator")
    request.open_data_indicators = ([published_indicator(code, country.code)] if code else list(
        published_indicators(country).prefetch_related("dimensions__values")))
    request.open_data_country = country
    return _state(country)


@open_data(_structure_state)
def structure(request):
    """The SDMX structure message (a DSD per indicator) the data files refer to."""
    tables = [exporting.table_of(i) for i in request.open_data_indicators]
    return _attachment(sdmx_write.structure_bytes(tables), STRUCTURE_TYPE,
                       f"structure-{request.open_data_country.code.lower()}.xml")


# ---------------------------------------------------------------- all data

def archive_country(raw: str | None):
    """The country asked for; without one, the only published country (400 naming them when
    there are several); a country with nothing published, or no open data at all, is a 404."""
    countries = list(published_countries())
    if not countries:
        raise DomainError(_("Открытых данных пока нет"), code="not_found")
    if not raw:
        if len(countries) != 1:
            names = ", ".join(c.code for c in countries) or "—"
            raise DomainError(_("Укажите страну (country): %(countries)s") % {"countries": names},
                              errors=[{"field": "country", "message": names}])
        return countries[0]
    country = public_country(raw)
    if country not in countries:
        raise DomainError(_("У страны %(code)s нет открытых данных") % {"code": country.code},
                          code="not_found")
    return country


def _archive_state(request):
    """Validators only for an archive that is there: a 503 must never be confirmed by a 304."""
    request.open_data_country = archive_country(request.GET.get("country"))
    built = request.open_data_archive = current_archive(request.open_data_country)
    return (built.version, built.built_at) if built else None


@open_data(_archive_state)
def archive(request):
    """The ZIP of the current public data; none yet: its build is queued and the answer is a
    503 with Retry-After (an older ZIP is never served: it could hold withdrawn data)."""
    built = request.open_data_archive
    if built is None:
        pending, _created = open_data_archive_request(country=request.open_data_country)
        response = JsonResponse({"detail": _("Архив готовится, повторите запрос позже"),
                                 "job": pending.job_id}, status=503,
                                json_dumps_params={"ensure_ascii": False})
        response["Retry-After"] = str(RETRY_AFTER)
        patch_cache_control(response, no_store=True)
        return response
    name = f"open-data-{built.country.code.lower()}.zip"
    return FileResponse(built.file.open("rb"), as_attachment=True, filename=name,
                        content_type="application/zip")

