from django.core.management.base import BaseCommand

from ras import demo


class Command(BaseCommand):
    help = (
        "Work out the indicative budget of every completed demo assessment that has none. Safe to run twice."
    )

    def handle(self, *args, **options):
        made = demo.load_budgets()
        self.stdout.write(f"Worked out {made} indicative budgets." if made else "Nothing to add.")
