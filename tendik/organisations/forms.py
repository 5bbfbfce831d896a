from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from tendik.core.forms import DateInput
from tendik.core.i18n import per_language
from tendik.core.permissions import Role
from tendik.territories.models import Territory

from .models import NameKind, Organisation, Person


class OrganisationForm(forms.ModelForm):
    reason = forms.CharField(label=_("Причина изменения"), required=False, max_length=500)

    class Meta:
        model = Organisation
        fields = ["kind", *per_language("name"), "acronym", "country", "territory", "parent",
                  "is_active"]

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = Territory.objects.filter(level="country")
        self.fields["territory"].queryset = Territory.objects.filter(
            level__in=["country", "region", "district"]).order_by("code")
        if organisations is not None:
            self.fields["parent"].queryset = organisations.exclude(pk=self.instance.pk)


class OrganisationNameForm(forms.Form):
    kind = forms.ChoiceField(label=_("Вид"), choices=NameKind.choices)
    name = forms.CharField(label=_("Название"), required=False, max_length=500)
    acronym = forms.CharField(label=_("Аббревиатура"), required=False, max_length=64)
    valid_from = forms.DateField(label=_("С"), required=False,
                                 widget=DateInput())
    valid_to = forms.DateField(label=_("По"), required=False,
                               widget=DateInput())

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("name") and not cleaned.get("acronym"):
            raise forms.ValidationError(_("Укажите название или аббревиатуру."))
        start, end = cleaned.get("valid_from"), cleaned.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("Дата окончания раньше даты начала."))
        return cleaned


class PersonForm(forms.ModelForm):
    reason = forms.CharField(label=_("Причина изменения"), required=False, max_length=500)

    class Meta:
        model = Person
        fields = ["last_name", "first_name", "patronymic", "sex", "position", "organisation",
                  "is_focal_point", "email", "phone"]

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations


class UserForm(forms.Form):
    username = forms.RegexField(label=_("Имя пользователя"), max_length=150,
                                regex=r"^[\w.@+-]+$")
    first_name = forms.CharField(label=_("Имя"), required=False, max_length=150)
    last_name = forms.CharField(label=_("Фамилия"), required=False, max_length=150)
    email = forms.EmailField(label=_("Эл. почта"), required=False)
    language = forms.ChoiceField(label=_("Язык писем"), choices=settings.LANGUAGES,
                                 initial=settings.LANGUAGE_CODE)
    organisation = forms.ModelChoiceField(label=_("Организация"), queryset=Organisation.objects.none())
    roles = forms.MultipleChoiceField(label=_("Роли"), choices=Role.choices,
                                      widget=forms.CheckboxSelectMultiple)
    password = forms.CharField(label=_("Пароль"), required=False, strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                               help_text=_("Не менее 10 символов. Оставьте пустым, чтобы не менять."))
    is_active = forms.BooleanField(label=_("Активен"), required=False, initial=True)

    def __init__(self, *args, organisations, creating: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if creating:
            self.fields["password"].required = True
            self.fields["password"].help_text = _("Не менее 10 символов.")
        else:
            self.fields["username"].disabled = True


class DirectoryUploadForm(forms.Form):
    file = forms.FileField(label=_("Файл XLSX"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))
