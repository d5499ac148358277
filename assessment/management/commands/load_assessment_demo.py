from django.core.management.base import BaseCommand

from assessment import demo


class Command(BaseCommand):
    help = (
        "Start assessments on some of the demo cases waiting for one and decide a third of them; give every case "
        "past assessment its signed-off assessment; and a demo carer their own case with a carer's assessment. Safe to "
        "run twice."
    )

    def handle(self, *args, **options):
        if demo.load_assessments():
            self.stdout.write("Added demo assessments.")
        else:
            self.stdout.write("Demo assessments are already loaded (or no case is waiting); nothing added.")
        if demo.load_carer_assessment():
            self.stdout.write("Added a demo carer's case with a carer's assessment.")
