"""Writes to the directory that are not a person's edit: loading reference data."""

import csv
from pathlib import Path

from django.db import transaction

from directory.models import PostcodeDistrict

DATA_DIR = Path(__file__).resolve().parent / "data"
OUTCODES_FILE = DATA_DIR / "uk-outcodes.csv"
OUTCODES_SOURCE = "OS Code-Point Open (OGL), via academe/UK-Postcodes, 2014"


@transaction.atomic
def load_postcodes(*, path: Path = OUTCODES_FILE, source: str = OUTCODES_SOURCE) -> int:
    """Create or update one row per outward code in a CSV of outcode,latitude,longitude[,town,county,country].

    Rows are matched on the outward code, so loading the same file twice changes nothing and a fuller file
    replaces the coordinates it has. Returns how many rows the file had.
    """
    with open(path, newline="", encoding="utf-8") as file:
        rows = [
            PostcodeDistrict(
                outcode=row["outcode"].strip().upper(),
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
                town=row.get("town") or "",
                county=row.get("county") or "",
                country=row.get("country") or "",
                source=source,
            )
            for row in csv.DictReader(file)
            if row.get("outcode") and row.get("latitude") and row.get("longitude")
        ]
    PostcodeDistrict.objects.bulk_create(
        rows,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["outcode"],
        update_fields=["latitude", "longitude", "town", "county", "country", "source", "loaded_at"],
    )
    return len(rows)
