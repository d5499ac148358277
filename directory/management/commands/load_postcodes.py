from pathlib import Path

from django.core.management.base import BaseCommand

from directory.services import OUTCODES_FILE, OUTCODES_SOURCE, load_postcodes


class Command(BaseCommand):
    help = "Load postcode districts and their centres for 'near a postcode' searches. Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument(
            "--file", type=Path, default=OUTCODES_FILE, help="CSV: outcode,latitude,longitude,..."
        )
        parser.add_argument(
            "--source", default=OUTCODES_SOURCE, help="where the file came from, and its date"
        )

    def handle(self, *args, file: Path, source: str, **options):
        rows = load_postcodes(path=file, source=source)
        self.stdout.write(f"Loaded {rows} postcode districts from {file.name} ({source}).")
