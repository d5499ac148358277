"""Import services from an Open Referral UK feed: `manage.py import_oruk FILE_OR_URL [--dry-run]`."""

from django.core.management.base import BaseCommand, CommandError

from directory.importing import FeedError, import_feed


class Command(BaseCommand):
    help = (
        "Import services from an Open Referral UK feed (a JSON file or URL: a page of services, a list of them, "
        "or one service). Matches records by their ORUK id, so running it again changes nothing. All or nothing: "
        "rejected services are skipped and listed with a reason."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="A path to a JSON file, or an http(s) URL (pages are followed).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and count everything, save nothing."
        )

    def handle(self, *args, source, dry_run, **options):
        try:
            report = import_feed(source, dry_run=dry_run)
        except FeedError as problem:
            raise CommandError(str(problem)) from None
        self.stdout.write(report.summary())
