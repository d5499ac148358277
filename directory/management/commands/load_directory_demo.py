from django.core.management.base import BaseCommand

from directory import demo
from directory.services import load_full_postcodes, load_postcodes


class Command(BaseCommand):
    help = (
        "Load postcode districts, the full postcodes around Norwich and an invented directory of services there. "
        "Safe to run twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--services", type=int, default=demo.DEMO_SERVICES, help="how many (default 330)")

    def handle(self, *args, services: int, **options):
        districts = load_postcodes()
        postcodes = load_full_postcodes()
        self.stdout.write(f"Loaded {districts} postcode districts and {postcodes} full postcodes.")
        if demo.load_demo_directory(count=services):
            self.stdout.write(f"Added {services} invented services to the directory.")
        else:
            self.stdout.write("The demo directory is already loaded; nothing added.")
