"""The project form page: the form and its rows bound together, turned into the service's
arguments, and the service's errors put back beside the fields they name."""

import re

from django.utils.formats import number_format

from tendik.core.permissions import is_installation_admin
from tendik.territories.selectors import territory_countries

from .forms import BudgetRows, DisbursementForm, PartnerRows, ProjectForm, organisation_choices
from .workflow import allowed_transitions

ROW_FIELD = re.compile(r"^(partners|budget)\[(\d+)\]\.(\w+)$")


class ProjectEditor:
    """ProjectForm + partner rows + budget rows, bound to a POST or filled from a project."""

    def __init__(self, user, project=None, data=None):
        self.project = project
        countries = list(territory_countries().order_by("code")) if is_installation_admin(
            user) else [user.country] if user.country_id else []
        country = project.country if project else (countries[0] if len(countries) == 1
                                                    else None)
        organisations = organisation_choices(user, country)
        data = self._with_added_row(data)
        self.form = ProjectForm(data, initial=self._initial(countries), countries=countries,
                                country=country)
        if project is not None:  # the life cycle's next steps only, as the table allows
            self.form.fields["status"].choices = [
                (project.status, project.get_status_display()),
                *allowed_transitions(project.status)]
        measures = self.form.fields["measures"].choices
        self.partners = PartnerRows(data, prefix="partners", initial=self._partner_rows(),
                                    form_kwargs={"organisations": organisations})
        self.budget = BudgetRows(data, prefix="budget", initial=self._budget_rows(),
                                 form_kwargs={"organisations": organisations,
                                              "measures": measures})
        self.list_errors: dict[str, list[str]] = {"partners": [], "budget": []}

    def _with_added_row(self, data):
        """«Добавить строку»: the same POST with one more empty row, nothing saved."""
        self.adding = data is not None and data.get("add_row") in ("partners", "budget")
        if not self.adding:
            return data
        data = data.copy()
        key = f"{data['add_row']}-TOTAL_FORMS"
        data[key] = str(int(data.get(key) or 0) + 1) if str(data.get(key, "0")).isdigit() else "1"
        return data

    def _initial(self, countries) -> dict:
        project = self.project
        if project is None:
            return {"country": countries[0].code if countries else "", "status": "active"}
        return {"title_ru": project.title_ru, "title_ky": project.title_ky,
                "title_kk": project.title_kk, "title_en": project.title_en, "code": project.code,
                "summary": project.summary, "country": project.country.code,
                "period_start": project.period_start, "period_end": project.period_end,
                "status": project.status, "version": project.version,
                "territories": [t.code for t in project.territories.all()],
                "measures": [m.pk for m in project.measures.all()],
                "frameworks": [f.pk for f in project.frameworks.all()]}

    def _partner_rows(self) -> list[dict]:
        if self.project is None:
            return []
        return [{"organisation": str(p.organisation_id), "role": p.role}
                for p in self.project.partners.all()]

    def _budget_rows(self) -> list[dict]:
        if self.project is None:
            return []
        return [{"year": str(line.year), "amount": f"{line.amount:.2f}",
                 "currency": line.currency, "source": line.source,
                 "funder": str(line.funder_id or ""), "measure": str(line.measure_id or "")}
                for line in self.project.budget.all()]

    def is_valid(self) -> bool:
        valid = [self.form.is_valid(), self.partners.is_valid(), self.budget.is_valid()]
        return not self.adding and all(valid)

    @property
    def has_errors(self) -> bool:
        return bool(self.form.errors or any(self.list_errors.values()) or any(
            f.errors for rows in (self.partners, self.budget) for f in rows))

    def _rows(self, formset) -> tuple[list[dict], list[int]]:
        """The rows somebody filled in, and where each is in the formset (errors go back there)."""
        rows, places = [], []
        for index, form in enumerate(formset.forms):
            # An untouched extra row has no cleaned data; a row emptied by hand is removed.
            if any(form.cleaned_data.values()):
                rows.append(dict(form.cleaned_data))
                places.append(index)
        return rows, places

    def arguments(self) -> dict:
        """The service's keyword arguments from what was typed."""
        data = {k: v for k, v in self.form.cleaned_data.items() if k not in ("version",)}
        data["partners"], self._partner_places = self._rows(self.partners)
        data["budget"], self._budget_places = self._rows(self.budget)
        if self.project is not None:
            data.pop("country")
        return data

    def version(self):
        return self.form.cleaned_data.get("version")

    def attach(self, exc) -> None:
        """Each error beside its field: a row's in its row, a list's above the list."""
        places = {"partners": (self.partners, getattr(self, "_partner_places", [])),
                  "budget": (self.budget, getattr(self, "_budget_places", []))}
        for error in exc.errors or [{"field": None, "message": str(exc)}]:
            field, message = error.get("field"), error["message"]
            match = ROW_FIELD.match(field or "")
            if match:
                formset, where = places[match[1]]
                form = formset.forms[where[int(match[2])]]
                form.add_error(match[3] if match[3] in form.fields else None, message)
            elif field in self.list_errors:
                self.list_errors[field].append(message)
            else:
                self.form.add_error(field if field in self.form.fields else None, message)

    def context(self) -> dict:
        return {"form": self.form, "partners": self.partners, "budget": self.budget,
                "list_errors": self.list_errors, "project": self.project}


def disbursement_form(user, project, data=None) -> DisbursementForm:
    currencies = [line.currency for line in project.budget.all()]
    return DisbursementForm(data, organisations=organisation_choices(user, project.country),
                            initial={"currency": currencies[0] if currencies else ""})


def amounts_shown(totals: list[dict]) -> list[str]:
    """«100 000,00 USD» per currency, in the reader's number format."""
    return [f"{number_format(row['amount'], 2, force_grouping=True)} {row['currency']}"
            for row in totals]


def list_rows(projects: list) -> list:
    """A list page's projects with their totals as the page writes them (formatted here once,
    not by a template filter per cell: the list's own benchmark counts every millisecond)."""
    for project in projects:
        project.planned_shown = amounts_shown(project.planned_totals)
        project.disbursed_shown = amounts_shown(project.disbursed_totals)
    return projects
