from django.core.management.base import BaseCommand

from contact import demo


class Command(BaseCommand):
    help = "Add twelve weeks of invented front-door contacts to the demo people. Safe to run twice."

    def handle(self, *args, **options):
        if demo.load_contacts():
            self.stdout.write("Added invented contacts, referrals and a safeguarding concern.")
        else:
            self.stdout.write(
                "Demo contacts are already loaded (or there are no demo people); nothing added."
            )
