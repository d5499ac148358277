"""The spending guidance's flags beside the item each is about (see support_planning.spending)."""

from django import template

register = template.Library()


@register.filter
def flags_for(flags, item) -> list:
    """The flags (spending.Flag) about `item`, from a plan's figures."""
    return [flag for flag in flags or [] if flag.item_id == item.pk]
