"""How long cases stay in each stage, read from the typed journey log (cases.milestones.STAGE_ENTRIES).

A stay starts at the event that enters a stage and ends at the case's next entry; a stay still going (the
case is there now) has no length yet and is left out, as are stays in "closed".
"""

from dataclasses import dataclass

from django.db import connection

from cases.milestones import STAGE_ENTRIES
from cases.stages import Stage

SECONDS_A_DAY = 86400


@dataclass(frozen=True)
class StageTime:
    stage: str
    label: str
    stays: int
    median_days: float
    p90_days: float


# One pass over the entries: each entry's next entry on the same case by window, then the percentiles by stage.
DAYS_PER_STAGE = """
WITH entries AS (
    SELECT stage, occurred_at,
           LEAD(occurred_at) OVER (PARTITION BY case_id ORDER BY occurred_at, id) AS left_at
    FROM cases_caseevent
    WHERE milestone = ANY(%(entries)s)
)
SELECT stage,
       count(*),
       percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM left_at - occurred_at)),
       percentile_cont(0.9) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM left_at - occurred_at))
FROM entries
WHERE left_at IS NOT NULL AND stage <> %(closed)s
GROUP BY stage
"""


def days_per_stage() -> list[StageTime]:
    """The median and 90th percentile of the days a case spends in each stage, over every case, in journey
    order; stages no case has yet left are not listed."""
    with connection.cursor() as cursor:
        cursor.execute(
            DAYS_PER_STAGE, {"entries": [str(m) for m in STAGE_ENTRIES], "closed": Stage.CLOSED.value}
        )
        rows = {stage: (stays, median, p90) for stage, stays, median, p90 in cursor.fetchall()}
    return [
        StageTime(
            stage=stage.value,
            label=stage.label,
            stays=rows[stage][0],
            median_days=round(float(rows[stage][1]) / SECONDS_A_DAY, 1),
            p90_days=round(float(rows[stage][2]) / SECONDS_A_DAY, 1),
        )
        for stage in Stage
        if stage in rows
    ]
