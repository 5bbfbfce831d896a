"""Forms only parse what was typed; every rule is the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tendik.committees.models import ServiceKind
from tendik.partners.commitments.selectors import countries_for

from .capabilities import may_create_help_services
from .selectors import organisations_for, territories_for
from .services import LANGUAGE_CHOICES


class HelpServiceForm(forms.Form):
    country = forms.ModelChoiceField(label=_("Страна"), queryset=None, empty_label=None)
    organisation = forms.ModelChoiceField(label=_("Организация"), queryset=None)
    name_ru = forms.CharField(label=_("Название (рус.)"), max_length=500)
    name_ky = forms.CharField(label=_("Название (кырг.)"), max_length=500, required=False)
    name_kk = forms.CharField(label=_("Название (каз.)"), max_length=500, required=False)
    name_en = forms.CharField(label=_("Название (англ.)"), max_length=500, required=False)
    services = forms.MultipleChoiceField(label=_("Услуги"), choices=ServiceKind.choices,
                                         widget=forms.CheckboxSelectMultiple)
    phone = forms.CharField(label=_("Телефон"), max_length=64)
    hours = forms.CharField(label=_("Часы работы"), max_length=255, required=False)
    languages = forms.MultipleChoiceField(label=_("Языки"), choices=LANGUAGE_CHOICES,
                                          widget=forms.CheckboxSelectMultiple, required=False)
    accessibility = forms.CharField(label=_("Доступность"), max_length=500, required=False,
                                    help_text=_("Например: вход без ступеней, сурдоперевод."))
    shelter_beds = forms.IntegerField(label=_("Мест в убежище"), required=False, min_value=1,
                                      max_value=32767)
    address_public = forms.CharField(
        label=_("Адрес для обращения"), max_length=500, required=False,
        help_text=_("Только если служба публикует его сама; адреса убежищ не публикуются."))
    territories = forms.ModelMultipleChoiceField(label=_("Обслуживаемые территории"),
                                                 queryset=None, required=False)
    national_hotline = forms.BooleanField(label=_("Национальная горячая линия"), required=False)
    is_active = forms.BooleanField(label=_("Работает"), required=False, initial=True)
    is_demo = forms.BooleanField(label=_("Демонстрационные данные"), required=False)
    version = forms.IntegerField(label=_("Версия"), widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, country, service=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = countries_for(user)
        self.fields["organisation"].queryset = organisations_for(country)
        self.fields["territories"].queryset = territories_for(country)
        self.fields["territories"].label_from_instance = lambda row: f"{row.name} ({row.code})"
        if service is not None:
            del self.fields["country"]  # fixed once the service exists
            if not may_create_help_services(user):
                del self.fields["organisation"]  # an organisation keeps its own service
