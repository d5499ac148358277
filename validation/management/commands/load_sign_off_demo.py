from django.core.management.base import BaseCommand

from validation import demo


class Command(BaseCommand):
    help = (
        "Record the demo's sign-off decisions over the last sixteen weeks, on the cases past sign-off that have no "
        "plan, so that how long sign-off takes has something to show. Safe to run twice."
    )

    def handle(self, *args, **options):
        made = demo.load_past_sign_offs()
        self.stdout.write(f"Recorded {made} past sign-off decisions." if made else "Nothing to add.")
