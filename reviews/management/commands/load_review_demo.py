from django.core.management.base import BaseCommand

from reviews import demo


class Command(BaseCommand):
    help = (
        "Start the support of one demo plan waiting for sign-off (agreed, then gone live today, naming the user-led "
        "organisation) and let its person sign in as citizen2; agree another and put it on the brokerage queue "
        "with two providers' offers; start one person's urgent support at assessment. Safe to run twice."
    )

    def handle(self, *args, **options):
        made = demo.load_support_in_place()
        brokered = demo.load_brokerage()
        self.stdout.write(
            f"Started one person's support; they sign in as {demo.CITIZEN}." if made else "Nothing to add."
        )
        if brokered:
            self.stdout.write("Asked for help to find a provider for one plan: two offers wait on the queue.")
        if demo.load_interim_support():
            self.stdout.write("Started one person's urgent support before their plan.")
