"""Create a personal access token from the command line; the token is the last line printed."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.models import User
from api import services


class Command(BaseCommand):
    help = "Create a personal access token for the REST API. The token is printed once, on the last line."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="Username of the token's owner.")
        parser.add_argument("--name", default="Command-line token", help="What the token is for.")
        parser.add_argument("--read-only", action="store_true", help="The token can read but not change anything.")

    def handle(self, *args: object, user: str, name: str, read_only: bool, **options: object) -> None:
        owner = User.objects.filter(username=user).first()
        if owner is None:
            raise CommandError(f"No user called {user!r}.")
        token, secret = services.create_token(owner, name=name, read_only=read_only)
        access = "read-only" if token.read_only else "read-write"
        self.stdout.write(f"Created {access} token “{token.name}” for {owner.username}. It is not shown again:")
        self.stdout.write(secret)
