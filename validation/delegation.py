"""The delegation scheme as a rule: who may agree a support plan's cost, and where it goes above them.

A council delegates agreeing personal budgets to levels of its managers (team manager, service manager, head of
service, and any level it adds, such as a practice forum), each up to an annual cost, in an order of escalation;
the last usually has no limit. A level's limit may be narrower for a client group, or for plans that pay for a
type of support; when more than one of a level's limits applies to a plan, the lowest does (a narrower limit asks
for more care, so it is never a way round another). A level may also be limited in how far above the indicative
budget a plan it agrees may be.

A plan goes first to the lowest level in the order that may agree it, and escalates up the order to the levels
above that may agree it too. Each limit is the most a level may agree: a plan costing exactly the limit is theirs,
a penny more is not. A scheme that would leave some plan with no one to agree it cannot be published
(`problems`). Nothing here reads the database: a scheme version is turned into a `Scheme` first.
"""

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from config.money import display

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Plan:
    """What the rule reads of a plan: its annual cost, how far above its annual indicative budget it is (less
    than nothing below it), the client group of its budget, and the types of support it pays for."""

    annual_cost: Decimal
    above_budget: Decimal = ZERO
    client_group: str = ""
    support_types: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Limit:
    """A narrower limit of a level: for one client group, for plans paying for one type of support, or both."""

    annual: Decimal
    client_group: str = ""
    support_type: str = ""

    def applies_to(self, plan: Plan) -> bool:
        return (not self.client_group or self.client_group == plan.client_group) and (
            not self.support_type or self.support_type in plan.support_types
        )


@dataclass(frozen=True)
class Level:
    """One level of the scheme: `annual` is the highest annual cost it may agree (None: no limit),
    `above_budget` the most above the indicative budget, a year (None: no limit)."""

    name: str
    role: str
    place: int
    annual: Decimal | None = None
    above_budget: Decimal | None = None
    limits: tuple[Limit, ...] = ()

    def annual_limit_for(self, plan: Plan) -> Decimal | None:
        """The highest annual cost this level may agree for this plan: the lowest of its limits that apply."""
        applying = [self.annual, *(limit.annual for limit in self.limits if limit.applies_to(plan))]
        return min((amount for amount in applying if amount is not None), default=None)

    def may_agree(self, plan: Plan) -> bool:
        annual = self.annual_limit_for(plan)
        within_cost = annual is None or plan.annual_cost <= annual
        within_gap = self.above_budget is None or plan.above_budget <= self.above_budget
        return within_cost and within_gap


@dataclass(frozen=True)
class Scheme:
    version: int
    levels: tuple[Level, ...] = field(default=())

    @property
    def in_order(self) -> tuple[Level, ...]:
        return tuple(sorted(self.levels, key=lambda level: level.place))


@dataclass(frozen=True)
class Route:
    """Who decides a plan first, and the levels it may be escalated to, in order."""

    first: Level
    escalation: tuple[Level, ...]


class NoOneMayAgree(Exception):
    """No level of the scheme may agree the plan (a published scheme never leaves one so)."""


def route_for(plan: Plan, scheme: Scheme) -> Route:
    """The lowest level in the order that may agree `plan` decides first; it may be escalated to each level above
    that may agree it too (a level above that may not is passed over)."""
    able = [level for level in scheme.in_order if level.may_agree(plan)]
    if not able:
        raise NoOneMayAgree(
            f"No one may agree a plan costing {display(plan.annual_cost)} a year "
            f"under version {scheme.version} of the delegation scheme"
        )
    return Route(first=able[0], escalation=tuple(able[1:]))


def problems(scheme: Scheme, *, type_names: Mapping[str, str] | None = None) -> list[str]:
    """What would make `scheme` unfit to publish, a sentence each in words for the council admin: no levels, two
    levels in one place, an amount less than nothing, a narrower limit that narrows nothing, or some plan that no
    level may agree. `type_names` names the types of support in the sentences."""
    if not scheme.levels:
        return ["Add at least one level: with none, no one may agree any plan"]
    found = []
    for place, count in sorted(Counter(level.place for level in scheme.levels).items()):
        if count > 1:
            found.append(
                f"{count} levels are number {place} in the order of escalation: give each its own place"
            )
    for level in scheme.in_order:
        amounts = [level.annual, level.above_budget, *(limit.annual for limit in level.limits)]
        if any(amount is not None and amount < 0 for amount in amounts):
            found.append(f"{level.name}: a limit cannot be less than nothing")
        if any(not (limit.client_group or limit.support_type) for limit in level.limits):
            found.append(
                f"{level.name}: a narrower limit must name a client group, a type of support or both"
            )
    return found + _plans_no_one_may_agree(scheme, type_names or {})


def _plans_no_one_may_agree(scheme: Scheme, type_names: Mapping[str, str]) -> list[str]:
    """A sentence for each kind of plan that some amount would leave with no one to agree it. Limits only fall as
    more of them apply, so each client group a limit names (and any other) is tried with no type of support, each
    type alone, and every type together; the first kind that fails for a client group speaks for it."""
    limits = [limit for level in scheme.levels for limit in level.limits]
    groups = ["", *sorted({limit.client_group for limit in limits if limit.client_group})]
    types = sorted({limit.support_type for limit in limits if limit.support_type})
    kinds = [frozenset(), *(frozenset([kind]) for kind in types)]
    kinds += [frozenset(types)] if len(types) > 1 else []
    found = []
    for group in groups:
        for kind in kinds:
            if beyond := _beyond_everyone(scheme, Plan(ZERO, client_group=group, support_types=kind)):
                found.append(
                    f"No one may agree {_a_plan(group, kind, type_names)} {beyond}: give the last level no "
                    "limit for it, or add a level above"
                )
                break
        if found and not group:
            break  # every plan is uncovered beyond that: one sentence says it
    return found


def _beyond_everyone(scheme: Scheme, plan: Plan) -> str:
    """Where plans like `plan` pass every level's limits, in words ("costing more than £60,000.00 a year"), or
    nothing when some level has no limit for them. Beyond the highest of the levels' cost limits only the levels
    with none may agree, and beyond the highest of their limits above the budget, no one."""
    costs = [(level, level.annual_limit_for(plan)) for level in scheme.levels]
    unlimited = [level for level, annual in costs if annual is None]
    if any(level.above_budget is None for level in unlimited):
        return ""
    limited = [annual for _, annual in costs if annual is not None]
    words = [f"costing more than {display(max(limited))} a year"] if limited else []
    if unlimited:
        highest = max(level.above_budget for level in unlimited)
        words.append(f"more than {display(highest)} a year above its indicative budget")
    return " and ".join(words)


def _a_plan(group: str, kinds: frozenset[str], type_names: Mapping[str, str]) -> str:
    words = "a plan"
    if group:
        words += f" for {group}"
    if kinds:
        words += " paying for " + " and ".join(type_names.get(kind, kind) for kind in sorted(kinds))
    return words


def levels_of(route: Route) -> tuple[Level, ...]:
    return (route.first, *route.escalation)


def waiting_at(route: Route, escalated_to: int | None = None) -> Level:
    """The level a plan waits at: the first to decide it or, once escalated to a place in the order, the first
    level of its route at or above that place (its last level should a new scheme leave none there)."""
    if escalated_to is None:
        return route.first
    levels = levels_of(route)
    return next((level for level in levels if level.place >= escalated_to), levels[-1])


def acting_level(route: Route, waiting: Level, role: str) -> Level | None:
    """Where someone of `role` decides a plan waiting at `waiting`: the lowest level of the plan's route, at or above
    where it waits, that their role acts at; None when they may not decide it (it is above their limits, or waits
    above them)."""
    return next(
        (level for level in levels_of(route) if level.place >= waiting.place and level.role == role), None
    )


def next_above(route: Route, level: Level) -> Level | None:
    """The level a plan is escalated to from `level`: the next of its route, None at the top."""
    return next((above for above in levels_of(route) if above.place > level.place), None)


def highest_limit(scheme: Scheme, role: str, plan: Plan) -> Decimal | None:
    """The most someone of `role` may agree for plans like `plan` a year, at any level they act at (None: no
    limit; nothing when no level is theirs)."""
    limits = [level.annual_limit_for(plan) for level in scheme.levels if level.role == role]
    if None in limits:
        return None
    return max(limits, default=ZERO)
