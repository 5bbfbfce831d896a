"""The API's JSON parser (its own module: DRF reads the parser setting while the views load)."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_JSON_DEPTH = 32


class SafeJSONParser(JSONParser):
    """JSON bodies, refused when nested deeper than MAX_JSON_DEPTH or holding a NUL character
    (PostgreSQL cannot store one): a clear 400 instead of a RecursionError or a database error."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise ParseError(_("JSON вложен слишком глубоко.")) from exc
        _check_json(data)
        return data


def _check_json(data) -> None:
    pending = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict | list) and depth > MAX_JSON_DEPTH:
            raise ParseError(_("JSON вложен слишком глубоко: допускается не более %(depth)s "
                               "уровней.") % {"depth": MAX_JSON_DEPTH})
        if isinstance(value, dict):
            if any("\x00" in key for key in value):
                raise ParseError(_("Недопустимый символ (NUL) в данных."))
            pending += [(item, depth + 1) for item in value.values()]
        elif isinstance(value, list):
            pending += [(item, depth + 1) for item in value]
        elif isinstance(value, str) and "\x00" in value:
            raise ParseError(_("Недопустимый символ (NUL) в данных."))
