"""The signed-in person's own account: the language of their mail and two-factor sign-in.

These live with the User model, not in core, so that core imports no app above it.
"""

import base64
import contextlib
import io

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import i18n as i18n_views
from django_otp import devices_for_user
from django_otp import login as otp_login

from tendik.core.errors import DomainError
from tendik.core.forms import TotpConfirmForm
from tendik.core.http import manager_required

from .services import user_language_set, user_totp_confirm, user_totp_disable, user_totp_start


def set_language_view(request):
    """The top bar's language switch; a signed-in user's mail follows the choice too."""
    response = i18n_views.set_language(request)
    if request.method == "POST" and request.user.is_authenticated:
        with contextlib.suppress(DomainError):  # an unknown language changes nothing, as in Django
            user_language_set(user=request.user, language=request.POST.get("language", ""))
    return response


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
