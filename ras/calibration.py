"""Trying a draft RAS on past budgets before publishing it: how many go up or down, by how much, per client group.
A pure function over what each budget kept (points by area, the answers the adjustments read)."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from config.money import pounds
from ras import calculation


@dataclass
class GroupEffect:
    client_group: str
    budgets: int = 0
    up: int = 0
    down: int = 0
    same: int = 0
    total_before: Decimal = Decimal(0)
    total_after: Decimal = Decimal(0)
    biggest_rise: Decimal = Decimal(0)
    biggest_fall: Decimal = Decimal(0)
    changes: list = field(default_factory=list, repr=False)

    @property
    def average_change(self) -> Decimal:
        return (
            pounds((self.total_after - self.total_before) / self.budgets) if self.budgets else Decimal("0.00")
        )

    @property
    def change_percent(self) -> Decimal:
        if not self.total_before:
            return Decimal("0.0")
        return ((self.total_after - self.total_before) * 100 / self.total_before).quantize(Decimal("0.1"))


def preview(past, rules: calculation.Rules) -> list[GroupEffect]:
    """`past`: (client group, points by area, answer orders by (area, question), weekly figure then) for each
    current budget. Returns one row per client group, and a last row for all of them."""
    groups: dict[str, GroupEffect] = defaultdict(lambda: GroupEffect(""))
    everyone = GroupEffect("All client groups")
    for client_group, points_by_domain, chosen, before in past:
        after = calculation.indicative_budget(points_by_domain, chosen, rules).weekly
        for effect in (groups[client_group], everyone):
            effect.client_group = effect.client_group or client_group
            effect.budgets += 1
            effect.total_before += before
            effect.total_after += after
            change = after - before
            if change > 0:
                effect.up += 1
                effect.biggest_rise = max(effect.biggest_rise, change)
            elif change < 0:
                effect.down += 1
                effect.biggest_fall = min(effect.biggest_fall, change)
            else:
                effect.same += 1
    return [*sorted(groups.values(), key=lambda g: g.client_group), everyone]
