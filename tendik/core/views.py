import base64
import contextlib
import io

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import i18n as i18n_views
from django_otp import devices_for_user
from django_otp import login as otp_login

from tendik.organisations.services import (
    user_language_set,
    user_totp_confirm,
    user_totp_disable,
    user_totp_start,
)

from .errors import DomainError
from .filters import AuditEntryFilterSet, filter_list
from .forms import LoginForm, TotpConfirmForm
from .http import manager_required, paginate, query_without_page, render_list
from .selectors import audit_entries_visible_to, jobs_visible_to, object_history, readable_history


def set_language_view(request):
    """The top bar's language switch; a signed-in user's mail follows the choice too."""
    response = i18n_views.set_language(request)
    if request.method == "POST" and request.user.is_authenticated:
        with contextlib.suppress(DomainError):  # an unknown language changes nothing, as in Django
            user_language_set(user=request.user, language=request.POST.get("language", ""))
    return response


def home(request):
    if not request.user.is_authenticated:
        return redirect("login")
    return render(request, "core/home.html")


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "core/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        if form.otp_device is not None:
            otp_login(self.request, form.otp_device)
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


def _totp_qr_svg(config_url: str) -> str:
    image = qrcode.make(config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


@manager_required
def two_factor_view(request):
    """Coordinators and admins may protect their login with a TOTP authenticator."""
    user = request.user
    enabled = any(devices_for_user(user, confirmed=True))
    form = TotpConfirmForm(request.POST or None)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "start":
            user_totp_start(user=user)
            return redirect("two_factor")
        if action == "disable":
            user_totp_disable(user=user, actor=user)
            messages.success(request, _("Двухфакторная проверка отключена."))
            return redirect("two_factor")
        if action == "confirm" and form.is_valid():
            try:
                device = user_totp_confirm(user=user, token=form.cleaned_data["token"])
            except DomainError as exc:
                form.add_error("token", str(exc))
            else:
                otp_login(request, device)
                messages.success(request, _("Двухфакторная проверка включена."))
                return redirect("two_factor")
    pending = next(iter(devices_for_user(user, confirmed=False)), None)
    return render(request, "core/two_factor.html", {
        "enabled": enabled,
        "pending": pending,
        "qr": _totp_qr_svg(pending.config_url) if pending else "",
        "secret": base64.b32encode(pending.bin_key).decode() if pending else "",
        "form": form,
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
