"""Serializer pieces shared by the apps' API output."""

from rest_framework import serializers

from .i18n import per_language


class ErrorItemSerializer(serializers.Serializer):
    """One problem: the request field, or the sheet, row and column of an upload, and why."""

    field = serializers.CharField(required=False, help_text="Request field, e.g. values.0.value")
    sheet = serializers.CharField(required=False)
    row = serializers.IntegerField(required=False, allow_null=True)
    column = serializers.CharField(required=False)
    message = serializers.CharField()


class ValidationErrorSerializer(serializers.Serializer):
    """Every 400: a summary and the list of problems (empty when the summary says it all)."""

    detail = serializers.CharField()
    errors = ErrorItemSerializer(many=True)


class StrictCharField(serializers.CharField):
    """Text that must arrive as a JSON string: a number or a list is refused, not turned into
    text (DRF's CharField would store 5 as "5")."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


def conflict_serializer(name: str, current: type[serializers.Serializer] | None = None):
    """409: the summary and, when a section changed since it was read, its current state."""
    fields = {"detail": serializers.CharField()}
    if current is not None:
        fields["current"] = current(required=False, help_text=(
            "The section as it is now, when it changed since `version` was read; absent when "
            "the report's state refuses the edit."))
    return type(name, (serializers.Serializer,), fields)


ConflictSerializer = conflict_serializer("ConflictSerializer")
# A 404 says only what was not found: the same {detail} body, named for the schema.
NotFoundSerializer = conflict_serializer("NotFoundError")


def texts_serializer(*prefixes: str, **options) -> type[serializers.Serializer]:
    """A base serializer with one text field per content language for each prefix
    (title → title_ru, title_ky, …), so documents follow settings.LANGUAGES."""
    fields = {name: serializers.CharField(**options) for name in per_language(*prefixes)}
    return type("Texts", (serializers.Serializer,), fields)


def render(serializer_class: type[serializers.Serializer], document, **kwargs):
    """A service's or selector's document through its output serializer: what the schema says."""
    return serializer_class(document, **kwargs).data
