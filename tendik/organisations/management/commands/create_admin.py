"""The first administrator of a new installation (there is no sign-up page)."""

import getpass
import os

from django.core.management.base import BaseCommand, CommandError

from tendik.core.errors import DomainError
from tendik.core.permissions import Role
from tendik.organisations.services import user_create


class Command(BaseCommand):
    help = ("Create an installation administrator (role «Администратор», every country). The "
            "password is read from TENDIK_ADMIN_PASSWORD or asked twice.")

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")

    def handle(self, *args, username: str, email: str, **options):
        password = os.environ.get("TENDIK_ADMIN_PASSWORD") or self._ask()
        try:
            user = user_create(actor=None, username=username, password=password, email=email,
                               organisation=None, country=None, roles=[Role.ADMIN])
        except DomainError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Administrator «{user.username}» created (id {user.pk}).")

    def _ask(self) -> str:
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The passwords differ.")
        return password
