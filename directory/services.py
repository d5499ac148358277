"""Writes to the directory that are not a person's edit: loading reference data."""

import csv
import gzip
from collections import defaultdict
from pathlib import Path

from django.db import connection, transaction

from directory.geo import normalise_postcode, outcode_of
from directory.models import Postcode, PostcodeDistrict

DATA_DIR = Path(__file__).resolve().parent / "data"
OUTCODES_FILE = DATA_DIR / "uk-outcodes.csv"
OUTCODES_SOURCE = "OS Code-Point Open (OGL), via academe/UK-Postcodes, 2014"
NR_POSTCODES_FILE = DATA_DIR / "nr-postcodes.csv"
NR_POSTCODES_SOURCE = "OS Code-Point Open (OGL), May 2025 release"


def _open_text(path: Path):
    """A CSV opened for reading, gzipped (.gz) or not, so a large file can be shipped compressed."""
    if Path(path).suffix == ".gz":
        return gzip.open(path, "rt", newline="", encoding="utf-8")
    return open(path, newline="", encoding="utf-8")


@transaction.atomic
def load_postcodes(*, path: Path = OUTCODES_FILE, source: str = OUTCODES_SOURCE) -> int:
    """Create or update one row per outward code in a CSV of outcode,latitude,longitude[,town,county,country].

    Rows are matched on the outward code, so loading the same file twice changes nothing and a fuller file
    replaces the coordinates it has. Returns how many rows the file had.
    """
    with _open_text(path) as file:
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


@transaction.atomic
def load_full_postcodes(*, path: Path = NR_POSTCODES_FILE, source: str = NR_POSTCODES_SOURCE) -> int:
    """Create or update one row per full postcode in a CSV of postcode,latitude,longitude (optionally gzipped).

    Rows are matched on the postcode, written the Royal Mail way ("nr13qq" is stored as "NR1 3QQ"), and a row is
    written only when it is new or its coordinates or source changed, so loading the same file twice changes
    nothing. Rows that are not a full postcode are skipped. A district the file covers but the outward-code file
    lacks (NR7 is newer than it) gets the centre of its postcodes, so the outward code alone can be searched too;
    a district already known keeps its coordinates. Returns how many postcodes the file had.
    """
    postcodes: dict[str, tuple[str, str, float, float]] = {}
    with _open_text(path) as file:
        for row in csv.DictReader(file):
            postcode = normalise_postcode(row.get("postcode") or "")
            outcode = outcode_of(postcode or "")
            if postcode and outcode and postcode != outcode and row.get("latitude") and row.get("longitude"):
                postcodes[postcode] = (postcode, outcode, float(row["latitude"]), float(row["longitude"]))
    _upsert_postcodes(postcodes.values(), source=source)
    _add_districts_missing_from(postcodes.values(), source=source)
    return len(postcodes)


def _upsert_postcodes(rows, *, source: str) -> None:
    """COPY into a temporary table, then one INSERT ... ON CONFLICT: tens of thousands of rows in well under a
    second, where bulk_create takes several (every `make run` and several tests load the council's postcodes)."""
    table = connection.ops.quote_name(Postcode._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE incoming_postcode "
            "(postcode varchar(8), outcode varchar(4), latitude float8, longitude float8) ON COMMIT DROP"
        )
        with cursor.copy("COPY incoming_postcode FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute(
            f"INSERT INTO {table} AS held (postcode, outcode, latitude, longitude, source, loaded_at) "
            "SELECT postcode, outcode, latitude, longitude, %s, now() FROM incoming_postcode "
            "ON CONFLICT (postcode) DO UPDATE SET outcode = EXCLUDED.outcode, latitude = EXCLUDED.latitude, "
            "longitude = EXCLUDED.longitude, source = EXCLUDED.source, loaded_at = EXCLUDED.loaded_at "
            "WHERE (held.outcode, held.latitude, held.longitude, held.source) "
            "IS DISTINCT FROM (EXCLUDED.outcode, EXCLUDED.latitude, EXCLUDED.longitude, EXCLUDED.source)",
            [source],
        )
        cursor.execute("DROP TABLE incoming_postcode")


def _add_districts_missing_from(postcodes, *, source: str) -> None:
    by_outcode: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for _, outcode, latitude, longitude in postcodes:
        by_outcode[outcode].append((latitude, longitude))
    known = set(PostcodeDistrict.objects.filter(outcode__in=by_outcode).values_list("outcode", flat=True))
    PostcodeDistrict.objects.bulk_create(
        [
            PostcodeDistrict(
                outcode=outcode,
                latitude=round(sum(point[0] for point in members) / len(members), 5),
                longitude=round(sum(point[1] for point in members) / len(members), 5),
                source=f"Centre of its {len(members)} postcodes in {source}"[:200],
            )
            for outcode, members in sorted(by_outcode.items())
            if outcode not in known
        ],
        ignore_conflicts=True,
    )
