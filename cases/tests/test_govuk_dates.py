import datetime
import zoneinfo

import pytest

from cases.templatetags.govuk_dates import govuk_datetime

LONDON = zoneinfo.ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    ("moment", "shown"),
    [
        (datetime.datetime(2026, 3, 5, 14, 30, tzinfo=LONDON), "5 March 2026 at 2:30pm"),
        (datetime.datetime(2026, 3, 5, 9, 0, tzinfo=LONDON), "5 March 2026 at 9am"),
        (datetime.datetime(2026, 3, 5, 12, 0, tzinfo=LONDON), "5 March 2026 at midday"),
        (datetime.datetime(2026, 3, 5, 0, 0, tzinfo=LONDON), "5 March 2026 at midnight"),
        (datetime.datetime(2026, 7, 1, 11, 15, tzinfo=datetime.UTC), "1 July 2026 at 12:15pm"),
    ],
)
def test_times_read_the_govuk_way_in_uk_time(moment, shown):
    assert govuk_datetime(moment) == shown
