"""The council's starting RAS: money per point, three adjustments, a minimum and a high-cost threshold, in force
from 1 April 2025. Councils calibrate it against signed-off plans and publish new versions.

Takes `get_model` so the data migration can use its historical models."""

import datetime
from decimal import Decimal

from django.apps import apps
from django.utils import timezone


def seed_ras(get_model=apps.get_model) -> None:
    RasVersion = get_model("ras", "RasVersion")
    RasAdjustment = get_model("ras", "RasAdjustment")
    if RasVersion.objects.exists():
        return
    ras = RasVersion.objects.create(
        version=1,
        status="published",
        effective_from=datetime.date(2025, 4, 1),
        money_rule="per_point",
        price_per_point=Decimal("4.80"),
        minimum_weekly=Decimal("25.00"),
        high_cost_weekly=Decimal("800.00"),
        client_groups=["Older people", "Physical disability", "Learning disability", "Mental health"],
        published_at=timezone.now(),
    )
    RasAdjustment.objects.bulk_create(
        [
            RasAdjustment(
                ras=ras,
                order=1,
                label="Support from family and friends (over 20 hours a week)",
                domain_key="support_from_family_and_friends",
                question_key="unpaid_help_hours",
                from_option=3,
                kind="percent",
                value=Decimal("-10"),
            ),
            RasAdjustment(
                ras=ras,
                order=2,
                label="Support of two people to move about",
                domain_key="physical_and_mental_wellbeing",
                question_key="moving_about",
                from_option=4,
                kind="weekly",
                value=Decimal("60.00"),
            ),
            RasAdjustment(
                ras=ras,
                order=3,
                label="Night support (most nights or more)",
                domain_key="keeping_safe",
                question_key="night_time",
                from_option=3,
                kind="weekly",
                value=Decimal("90.00"),
            ),
        ]
    )


def seed_charging_years(get_model=apps.get_model) -> None:
    """2025/26's figures from the domain brief (confirm the pension-age MIG against the circular)."""
    ChargingYear = get_model("ras", "ChargingYear")
    ChargingYear.objects.get_or_create(
        label="2025/26",
        defaults={
            "starts_on": datetime.date(2025, 4, 1),
            "ends_on": datetime.date(2026, 3, 31),
            "upper_capital": Decimal("23250"),
            "lower_capital": Decimal("14250"),
            "mig_18_24": Decimal("89.15"),
            "mig_25_to_pension_age": Decimal("112.50"),
            "mig_pension_age": Decimal("232.60"),
            "disability_premium": Decimal("49.65"),
            "enhanced_disability_premium": Decimal("24.25"),
            "pension_credit_age": 66,
            "standard_dre": Decimal("10.00"),
        },
    )
