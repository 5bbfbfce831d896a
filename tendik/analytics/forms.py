"""The basis fields every figure page shows: period range and, for coordinators, reports under
review. The values are checked by `basis.basis_for`; this form only renders them and their errors."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tendik.core.errors import DomainError
from tendik.core.permissions import is_manager

from .basis import basis_for


class BasisForm(forms.Form):
    period_from = forms.CharField(label=_("С периода"), required=False)
    period_to = forms.CharField(label=_("По период"), required=False)
    include = forms.ChoiceField(label=_("Учитывать"), required=False, choices=[
        ("", _("только принятые отчёты")), ("submitted", _("и отчёты на проверке"))])

    def __init__(self, data, *, user, plan=None, periods=()):
        super().__init__(data)
        self.user, self.plan = user, plan
        choices = [("", _("— все —"))] + [(str(p.pk), str(p)) for p in periods]
        self.fields["period_from"].widget = forms.Select(choices=choices)
        self.fields["period_to"].widget = forms.Select(choices=choices)
        if not is_manager(user):
            del self.fields["include"]

    def basis(self, *, require_plan: bool = True):
        """The basis, or None with each error beside its field."""
        self.is_valid()
        data = self.data
        try:
            return basis_for(self.user, plan_id=self.plan.pk if self.plan else data.get("plan"),
                             period_from=data.get("period_from"), period_to=data.get("period_to"),
                             include=data.get("include") if "include" in self.fields else None,
                             require_plan=require_plan)
        except DomainError as error:
            if error.code == "not_found":
                raise
            for item in error.errors or [{"field": None, "message": str(error)}]:
                field = item.get("field")
                self.add_error(field if field in self.fields else None, item["message"])
            return None
