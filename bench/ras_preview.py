"""How long a draft RAS takes to try on 100,000 past indicative budgets (the preview's pure calculation).

    .venv/bin/python -m bench.ras_preview [--budgets 100000]

The budgets are invented the way the seeded questionnaire scores: 11 areas, about a third screened in, the
adjustments' questions answered across their range; each stands for a budget of needs decided eligible, the only
ones the preview counts (`IndicativeBudget.objects.of_eligible_needs()`). The database read (one values_list streamed in chunks of
5,000) is not included: it is reported separately by `make bench` sizes when budgets are stored."""

import argparse
import random
import time
from decimal import Decimal

from ras.calculation import PER_POINT, PERCENT, WEEKLY, Adjustment, Rules
from ras.calibration import preview

AREAS = [f"Area {n}" for n in range(1, 12)]
RULES = Rules(
    money_rule=PER_POINT,
    price_per_point=Decimal("5.10"),
    adjustments=(
        Adjustment(
            "Family support", "support_from_family_and_friends", "unpaid_help_hours", 3, PERCENT, Decimal(-10)
        ),
        Adjustment("Support of two", "physical_and_mental_wellbeing", "moving_about", 4, WEEKLY, Decimal(60)),
        Adjustment("Night support", "keeping_safe", "night_time", 3, WEEKLY, Decimal(90)),
    ),
    minimum_weekly=Decimal(25),
    high_cost_weekly=Decimal(800),
)


def invented(count: int, seed: int = 7):
    rng = random.Random(seed)
    for _ in range(count):
        points = {area: (rng.randint(0, 30) if rng.random() < 0.35 else 0) for area in AREAS}
        chosen = {
            ("support_from_family_and_friends", "unpaid_help_hours"): rng.randint(1, 3),
            ("physical_and_mental_wellbeing", "moving_about"): rng.randint(1, 4),
            ("keeping_safe", "night_time"): rng.randint(1, 4),
        }
        group = "Older people" if rng.random() < 0.6 else "Working-age adults"
        yield group, points, chosen, Decimal(sum(points.values())) * Decimal("4.80")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--budgets", type=int, default=100_000)
    args = parser.parse_args()
    past = list(invented(args.budgets))
    started = time.perf_counter()
    effects = preview(past, RULES)
    seconds = time.perf_counter() - started
    everyone = effects[-1]
    print(f"{args.budgets:,} budgets: {seconds:.2f} s, {seconds / args.budgets * 1e6:.1f} µs a budget")
    print(
        f"  up {everyone.up:,}, down {everyone.down:,}, same {everyone.same:,}; average change £{everyone.average_change}"
    )


if __name__ == "__main__":
    main()
