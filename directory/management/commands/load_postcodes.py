from pathlib import Path

from django.core.management.base import BaseCommand

from directory.services import (
    NR_POSTCODES_FILE,
    NR_POSTCODES_SOURCE,
    OUTCODES_FILE,
    OUTCODES_SOURCE,
    load_full_postcodes,
    load_postcodes,
)


class Command(BaseCommand):
    help = (
        "Load postcode districts with their centres, and full postcodes for the council's area, for 'near a "
        "postcode' searches. Safe to run twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--file", type=Path, default=OUTCODES_FILE, help="CSV: outcode,latitude,longitude,..."
        )
        parser.add_argument(
            "--source", default=OUTCODES_SOURCE, help="where the file came from, and its date"
        )
        parser.add_argument(
            "--postcodes-file",
            type=Path,
            default=NR_POSTCODES_FILE,
            help="CSV of full postcodes: postcode,latitude,longitude (may be gzipped, .csv.gz)",
        )
        parser.add_argument(
            "--postcodes-source",
            default=NR_POSTCODES_SOURCE,
            help="where the full-postcode file came from, and its date",
        )

    def handle(self, *args, file: Path, source: str, postcodes_file: Path, postcodes_source: str, **options):
        districts = load_postcodes(path=file, source=source)
        self.stdout.write(f"Loaded {districts} postcode districts from {file.name} ({source}).")
        postcodes = load_full_postcodes(path=postcodes_file, source=postcodes_source)
        self.stdout.write(
            f"Loaded {postcodes} full postcodes from {postcodes_file.name} ({postcodes_source})."
        )
