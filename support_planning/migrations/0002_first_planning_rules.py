import datetime
from decimal import Decimal

from django.db import migrations


def first_rules(apps, schema_editor):
    """A starting point a council changes in its configuration screens: a reason is asked for a plan more than
    10% above or 20% below its indicative budget; referral to the complex team is offered above £50,000 a year or
    with three providers, and required when a risk is marked for the panel."""
    apps.get_model("support_planning", "PlanningRules").objects.create(
        version=1,
        status="published",
        effective_from=datetime.date(2015, 4, 1),
        tolerance_above_percent=Decimal("10"),
        tolerance_below_percent=Decimal("20"),
        complex_annual_cost_above=Decimal("50000"),
        complex_providers_at_least=3,
    )


def no_rules(apps, schema_editor):
    apps.get_model("support_planning", "PlanningRules").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("support_planning", "0001_initial")]
    operations = [migrations.RunPython(first_rules, no_rules)]
