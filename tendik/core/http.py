"""Small helpers shared by the server-rendered views."""

from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from .permissions import is_manager

PAGE_SIZE = 25


def manager_required(view):
    """Signed-in coordinators and admins only: others get 403, the anonymous go to login."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_manager(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def paginate(request, queryset, per_page: int = PAGE_SIZE):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def render_list(request, template: str, partial: str, context: dict):
    """Full page on navigation; only the results block for htmx search and paging."""
    return render(request, partial if request.htmx else template, context)


def query_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def client_ip(request) -> str:
    """The client's address, for counting logins (django-axes and the API's login rate).

    Behind TENDIK_PROXY_COUNT proxies the address is the entry that many from the right of
    X-Forwarded-For, the one our own proxy wrote; anything to its left came from the client and
    could be forged to escape the count or to lock someone else out. Without a proxy, the peer."""
    count = settings.TENDIK_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if count and len(forwarded) >= count and forwarded[-count]:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")
