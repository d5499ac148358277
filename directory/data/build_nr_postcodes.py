"""Rebuild nr-postcodes.csv from an OS Code-Point Open release. Run from the repository root:

    .venv/bin/python -m directory.data.build_nr_postcodes path/to/codepo_gb.zip

The argument is Code-Point Open's zip as the Ordnance Survey publishes it (or its Data/CSV/nr.csv alone). Every
NR postcode with coordinates is written with its WGS84 latitude and longitude, converted from the National Grid
by the OS's Helmert transformation (good to about 5 m; see directory/geo.py), rounded to 5 decimal places (about
a metre). NR99 is left out: it is a non-geographic district (PO boxes and bulk mail), whose postcodes all sit on
the delivery office, not where anyone lives. Update the date and version in directory/data/README.md and
NR_POSTCODES_SOURCE in directory/services.py to match the release.
"""

import csv
import io
import sys
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from directory.geo import grid_to_wgs84

OUTPUT = Path(__file__).resolve().parent / "nr-postcodes.csv"
AREA_FILE = "Data/CSV/nr.csv"
NON_GEOGRAPHIC = {"NR99"}
# Code-Point Open's positional quality 90 means "no coordinates" (the easting and northing are 0).
NO_COORDINATES = "90"


def code_point_rows(path: Path) -> Iterator[list[str]]:
    """The rows of Code-Point Open's NR file, from the release's zip or from the CSV itself."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as release, release.open(AREA_FILE) as raw:
            yield from csv.reader(io.TextIOWrapper(raw, encoding="utf-8", newline=""))
    else:
        with open(path, newline="", encoding="utf-8") as file:
            yield from csv.reader(file)


def postcode_rows(rows: Iterable[list[str]]) -> Iterator[tuple[str, float, float]]:
    """(postcode, latitude, longitude) for each geographic postcode with coordinates, in the file's order."""
    for postcode, quality, easting, northing, *_ in rows:
        # Code-Point writes "NR1 1AA" and "NR10 3AA" (and "EC1A1BB"): we write one space before the inward code.
        compact = postcode.replace(" ", "").upper()
        outcode, inward = compact[:-3], compact[-3:]
        if outcode in NON_GEOGRAPHIC or quality == NO_COORDINATES or not int(easting):
            continue
        latitude, longitude = grid_to_wgs84(float(easting), float(northing))
        yield f"{outcode} {inward}", round(latitude, 5), round(longitude, 5)


def main(source: Path, output: Path = OUTPUT) -> int:
    with open(output, "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(["postcode", "latitude", "longitude"])
        written = 0
        for row in postcode_rows(code_point_rows(source)):
            writer.writerow(row)
            written += 1
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    count = main(Path(sys.argv[1]))
    print(f"Wrote {count} postcodes to {OUTPUT}")
