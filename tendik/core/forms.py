from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user, match_token

from .errors import DomainError


def attach_errors(form, exc: DomainError) -> None:
    """Each error of a service beside the field it names (or the column of a file); any other
    above the form."""
    for error in exc.errors:
        field = error.get("field") or error.get("column")
        form.add_error(field if field in form.fields else None, error["message"])
    if not exc.errors:
        form.add_error(None, str(exc))


class DateInput(forms.DateInput):
    """<input type="date"> takes only ISO dates, whatever the language of the page."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")

class LoginForm(AuthenticationForm):
    """Password, then the authenticator code for users who switched two-factor on."""

    otp_token = forms.CharField(
        label=_("Код из приложения-аутентификатора"),
        required=False,
        max_length=8,
        help_text=_("Только если включена двухфакторная проверка."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "otp_required": _("Введите код из приложения-аутентификатора."),
        "otp_invalid": _("Неверный код подтверждения."),
    }

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        self.otp_device = None
        if user is not None and any(devices_for_user(user, confirmed=True)):
            token = (cleaned.get("otp_token") or "").strip()
            if not token:
                raise forms.ValidationError(self.error_messages["otp_required"],
                                            code="otp_required")
            self.otp_device = match_token(user, token)
            if self.otp_device is None:
                raise forms.ValidationError(self.error_messages["otp_invalid"], code="otp_invalid")
        return cleaned


class TotpConfirmForm(forms.Form):
    token = forms.CharField(label=_("Код из приложения"), max_length=8)
