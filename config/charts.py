"""Bar charts drawn on the server as inline SVG, one horizontal bar per row with its label and its figure in
words beside it, so nothing depends on JavaScript or on telling colours apart; each comes with the same figures
as a table. The geometry is worked out here; templates/charts/bar_chart.html only draws it."""

from dataclasses import dataclass

CHART_WIDTH = 640
BAR_HEIGHT = 20
TEXT_HEIGHT = 15  # from the top of a line of 16px text to its baseline
VALUE_SPACE = 200  # to the right of the longest bar, for its figure
GAP = 8


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str


def listed(bars: list[Bar]) -> str:
    """Every bar's label and figure in one sentence, for a chart's summary: "Phone: 12; Email: 3."."""
    return "; ".join(f"{bar.label}: {bar.text}" for bar in bars) + "."


def bar_chart(
    *, key: str, title: str, summary: str, bars: list[Bar], table: dict, top: float = 0, label_width: int = 0
) -> dict:
    """What `charts/bar_chart.html` needs to draw one chart: a row per bar, scaled so the longest fills the width
    (or so `top` does, for percentages, where 100% should always look full).

    Labels go above their bars, where a long one has the whole width; short ones (dates) can go beside
    their bars, in a column `label_width` wide, which halves the chart's height."""
    biggest = max([top, *(bar.value for bar in bars)]) or 1
    beside = label_width > 0
    bar_x = label_width + GAP if beside else 0
    reach = CHART_WIDTH - VALUE_SPACE - bar_x
    row_height = BAR_HEIGHT + GAP if beside else TEXT_HEIGHT + GAP + BAR_HEIGHT + 2 * GAP
    rows = []
    for index, bar in enumerate(bars):
        row_top = index * row_height
        width = round(reach * bar.value / biggest, 1)
        bar_y = row_top if beside else row_top + TEXT_HEIGHT + GAP
        text_y = bar_y + TEXT_HEIGHT
        rows.append(
            {
                "label": bar.label,
                "text": bar.text,
                "label_x": label_width if beside else 0,
                "label_y": text_y if beside else row_top + TEXT_HEIGHT,
                "label_anchor": "end" if beside else "start",
                "bar_x": bar_x,
                "bar_y": bar_y,
                "bar_width": width,
                "value_x": round(bar_x + width + GAP, 1),
                "value_y": text_y,
            }
        )
    return {
        "id": f"chart-{key}",
        "title": title,
        "summary": summary,
        "width": CHART_WIDTH,
        "height": len(bars) * row_height,
        "bar_height": BAR_HEIGHT,
        "rows": rows,
        "table": table,
    }
