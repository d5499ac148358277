import getpass

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cases.models import User
from cases.roles import Role


class Command(BaseCommand):
    help = "Create the first council admin account, who then creates every other account on screen."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")

    def handle(self, *args, username: str, email: str, **options):
        if User.objects.filter(username=username).exists():
            raise CommandError(f"An account called {username} already exists")
        password = getpass.getpass("Password: ")
        user = User(username=username, email=email, role=Role.COUNCIL_ADMIN, is_staff=True)
        try:
            validate_password(password, user)
        except ValidationError as problems:
            raise CommandError(" ".join(problems.messages)) from problems
        user.set_password(password)
        user.save()
        self.stdout.write(self.style.SUCCESS(f"Council admin {username} created"))
