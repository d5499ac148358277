from django.core.management.base import BaseCommand

from validation import demo


class Command(BaseCommand):
    help = (
        "Arrange the demo's risk enablement panel meetings (this morning's and next week's) with a referral on "
        "each, and flag a risk for the panel on another plan. Safe to run twice."
    )

    def handle(self, *args, **options):
        made = demo.load_panel()
        self.stdout.write(f"Referred {made} plans or risks to the panel." if made else "Nothing to add.")
