from django.core.management.base import BaseCommand

from support_planning import demo


class Command(BaseCommand):
    help = (
        "Write a demo support plan for each case at support planning or sign-off that has none, and a carer's "
        "support plan for the demo carer; a user-led organisation asked to draft one plan. Safe to run twice."
    )

    def handle(self, *args, **options):
        made = demo.load_organisation_draft() + demo.load_plans() + demo.load_carer_plans()
        self.stdout.write(f"Wrote {made} support plans." if made else "Nothing to add.")
