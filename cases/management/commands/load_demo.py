from django.core.management.base import BaseCommand

from cases import demo
from cases.models import Case


class Command(BaseCommand):
    help = "Load the demo council, staff for every role and invented people and cases. Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=50, help="how many invented people (default 50)")

    def handle(self, *args, people: int, **options):
        cast = demo.ensure_council_and_staff()
        if Case.objects.exists():
            self.stdout.write("Demo people and cases are already loaded; nothing added.")
        else:
            demo.load_people_and_cases(people, cast=cast, with_letters=True)
            self.stdout.write(f"Added {people} invented people with cases across the journey.")
        citizen = demo.link_demo_citizen(cast)
        self.stdout.write(self.style.SUCCESS(f"\nDemo sign-ins (password for all: {demo.DEMO_PASSWORD})"))
        for username, _first, _last, role, team in demo.STAFF:
            self.stdout.write(f"  {username:<15} {role.label}{f' ({team})' if team else ''}")
        who = f" ({citizen.person.full_name})" if citizen.person else ""
        self.stdout.write(f"  {'citizen':<15} Citizen{who}")
