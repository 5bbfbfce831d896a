
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django_otp import login as otp_login

from .filters import AuditEntryFilterSet, filter_list
from .forms import LoginForm
from .http import manager_required, paginate, query_without_page, render_list
from .selectors import audit_entries_visible_to, jobs_visible_to, object_history, readable_history


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "core/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        if form.otp_device is not None:
            otp_login(self.request, form.otp_device)
        return response


class LogoutView(auth_views.LogoutView):
    """Logging out also clears what the browser kept for the offline report form (cached pages,
    the queue, the service worker), even on a device whose JavaScript failed to do it."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"cache", "storage"'
        return response


@manager_required
def audit_search_view(request):
    filterset, entries = filter_list(AuditEntryFilterSet, request,
                                     audit_entries_visible_to(request.user))
    return render_list(request, "core/audit_search.html", "core/_audit_results.html", {
        "form": filterset.form,
        "page": _readable(paginate(request, entries)),
        "query": query_without_page(request),
    })


def _readable(page):
    page.object_list = readable_history(page.object_list)
    return page


def render_history(request, instance, back_url: str):
    """The change history of an object the caller was already allowed to open."""
    entries = object_history(instance)
    return render(request, "core/history.html", {
        "object": instance,
        "page": _readable(paginate(request, entries)),
        "back_url": back_url,
        "query": query_without_page(request),
    })




@login_required
def job_detail(request, pk: int):
    job = get_object_or_404(jobs_visible_to(request.user), pk=pk)
    template = "core/_job_status.html" if request.htmx else "core/job_detail.html"
    return render(request, template, {"job": job})


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


__all__ = ["PermissionDenied"]
