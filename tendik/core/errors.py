"""The one domain error type. Services raise it; views and the API turn it into a clear message."""


class DomainError(Exception):
    """A rule of the domain was broken. `code` lets the API choose a status; `errors` lists rows."""

    def __init__(self, message, *, code: str = "invalid", errors: list | None = None):
        super().__init__(str(message))
        self.message = message
        self.code = code
        self.errors = errors or []

    def __str__(self) -> str:
        return str(self.message)


def field_error(field: str, message: str, code: str = "invalid") -> DomainError:
    """A DomainError about one field: the API names it, a form shows the message beside it."""
    return DomainError(message, code=code, errors=[{"field": field, "message": message}])
