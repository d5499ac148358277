"""Money in templates, written the one way `config.money` writes it: `{{ amount|money }}` gives £1,234.50 or −£10.00,
`{{ amount|money_change }}` gives +£10.00 or −£10.00, `{{ percent|percent_change }}` gives +5.0% or −5.0%."""

from decimal import Decimal

from django import template

from config.money import MINUS, display, display_change

register = template.Library()


@register.filter
def money(amount) -> str:
    return "" if amount in (None, "") else display(Decimal(amount))


@register.filter
def money_change(amount) -> str:
    return "" if amount in (None, "") else display_change(Decimal(amount))


@register.filter
def percent_change(percent) -> str:
    if percent in (None, ""):
        return ""
    percent = Decimal(percent)
    sign = "+" if percent > 0 else MINUS if percent < 0 else ""
    return f"{sign}{abs(percent)}%"
