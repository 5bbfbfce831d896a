"""The public portal: no login, published data only.

Every page answers GET and HEAD (anything else is a 405), carries an ETag made of the public
data's fingerprint, the language, the address and whether the reader is signed in (so a 304
costs two small queries), and may be kept by any cache for five minutes when the reader is
anonymous; a signed-in reader's copy is private."""

import hashlib
from functools import wraps

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.views.decorators.http import condition, require_safe

from tendik.analytics import home_views
from tendik.analytics.progress import status_columns
from tendik.core.errors import DomainError
from tendik.core.i18n import CONTENT_LANGUAGES
from tendik.opendata.selectors import public_data_version

from . import selectors
from .indicator_page import chosen_breakdown, indicator_page
from .pages import cached, home_page, open_data_page, plan_page

MAX_AGE = 300  # seconds a public copy may be reused without asking


def _found(read, *args):
    try:
        return read(*args)
    except DomainError as error:
        raise Http404(str(error)) from None


def _etag(request, version: str) -> str:
    request.portal_version = version  # the view keys its cached data on the same fingerprint
    raw = "|".join((version, get_language() or "", request.get_full_path(),
                    str(request.user.is_authenticated)))
    return hashlib.blake2s(raw.encode(), digest_size=12).hexdigest()


def public_page(etag_func):
    """GET/HEAD only, conditional on `etag_func`, with the cache headers on 200s and 304s."""
    def decorate(view):
        conditional = condition(etag_func=etag_func)(view)

        @require_safe
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            response = conditional(request, *args, **kwargs)
            if request.user.is_authenticated:
                patch_cache_control(response, private=True, max_age=0)
            else:
                patch_cache_control(response, public=True, max_age=MAX_AGE)
            return response
        return wrapper
    return decorate


# ---------------------------------------------------------------- home

def _home_etag(request) -> str:
    request.portal_country = _found(selectors.portal_country, request.GET.get("country"))
    # The whole installation's fingerprint: the country choice lists every country.
    return _etag(request, public_data_version())


@public_page(_home_etag)
def portal_home(request):
    country = request.portal_country
    page = cached(f"home:{country.pk if country else ''}", request.portal_version,
                  lambda: home_page(country))
    return render(request, "portal/home.html", {"page": page, "statuses": status_columns()})


def root(request):
    """`/`: the signed-in user's home; the portal for everybody else."""
    if request.user.is_authenticated:
        return home_views.home(request)
    return portal_home(request)


# ---------------------------------------------------------------- a plan

def _plan_etag(request, pk) -> str:
    plan = request.portal_plan = _found(selectors.public_plan, pk)
    return _etag(request, f"{public_data_version(plan.country)}|{plan.updated_at}")


@public_page(_plan_etag)
def plan_view(request, pk):
    plan = request.portal_plan
    page = cached(f"plan:{plan.pk}", request.portal_version, lambda: plan_page(plan))
    return render(request, "portal/plan.html", {"page": page, "statuses": status_columns()})


# ---------------------------------------------------------------- an indicator

def _indicator_etag(request, pk) -> str:
    indicator = request.portal_indicator = _found(selectors.public_indicator, pk)
    return _etag(request, f"{public_data_version(indicator.country)}|{indicator.updated_at}")


@public_page(_indicator_etag)
def indicator_view(request, pk):
    indicator = request.portal_indicator
    breakdown = chosen_breakdown(indicator, request.GET.get("breakdown"))
    page = cached(f"indicator:{indicator.pk}:{breakdown}", request.portal_version,
                  lambda: indicator_page(indicator, breakdown))
    return render(request, "portal/indicator.html", {"page": page})


# ---------------------------------------------------------------- open data

def _open_data_etag(request) -> str:
    return _etag(request, public_data_version())


@public_page(_open_data_etag)
def open_data_view(request):
    page = cached("open-data", request.portal_version, open_data_page)
    return render(request, "portal/open_data.html", {"page": page})


# ---------------------------------------------------------------- language

@require_safe
def language_view(request):
    """The portal's language links. A link, not the top bar's POST form: a page kept by a
    shared cache must not carry one visitor's CSRF token to the next. Only the language
    cookie changes, so a GET is safe; an unknown language changes nothing."""
    language = request.GET.get("language", "")
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)
    if language in CONTENT_LANGUAGES:
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language,
                            max_age=settings.LANGUAGE_COOKIE_AGE,
                            path=settings.LANGUAGE_COOKIE_PATH,
                            domain=settings.LANGUAGE_COOKIE_DOMAIN,
                            secure=settings.LANGUAGE_COOKIE_SECURE,
                            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                            samesite=settings.LANGUAGE_COOKIE_SAMESITE)
    return response
