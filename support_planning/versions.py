"""Versions of a plan: a new draft copied from an earlier version, and two versions compared item by item.

Each outcome and item of a copy remembers the one it was copied from (`copied_from`), so a comparison matches
them exactly, whatever was reworded; what has no counterpart was added or removed.
"""

from dataclasses import dataclass, field

from support_planning.models import PlanItem, PlanOutcome, PlanRisk, SupportPlan

COPIED_PLAN_FIELDS = (
    "case",
    "assessment",
    "budget",
    "route",
    "what_matters",
    "gap_reason",
    "contingency",
    "direct_payment_recipient",
    "direct_payment_recipient_name",
    "direct_payment_frequency",
)
ITEM_FIELDS = (
    "kind",
    "description",
    "who_and_when",
    "service_id",
    "service_name",
    "cost_option",
    "provider",
    "basis",
    "hours",
    "rate",
    "amount",
    "management",
    "cared_for_id",
    "cared_for_agrees",
)


def copy_as_draft(plan: SupportPlan, *, actor, **changed) -> SupportPlan:
    """The next version of `plan`, a draft holding a copy of everything in it; `changed` sets fields the copy
    does not take from it (a new assessment and budget, the number after a later version)."""
    draft = SupportPlan.objects.create(
        **{
            **{name: getattr(plan, name) for name in COPIED_PLAN_FIELDS},
            "number": plan.number + 1,
            "previous": plan,
            "started_by": actor,
            **changed,
        }
    )
    for outcome in plan.outcomes.prefetch_related("items"):
        copy = PlanOutcome.objects.create(
            plan=draft,
            outcome=outcome.outcome,
            order=outcome.order,
            in_my_words=outcome.in_my_words,
            copied_from=outcome,
        )
        PlanItem.objects.bulk_create(
            PlanItem(outcome=copy, copied_from=item, **{name: getattr(item, name) for name in ITEM_FIELDS})
            for item in outcome.items.all()
        )
    PlanRisk.objects.bulk_create(
        PlanRisk(plan=draft, in_my_words=r.in_my_words, how_reduced=r.how_reduced, for_panel=r.for_panel)
        for r in plan.risks.all()
    )
    return draft


ADDED, REMOVED, CHANGED, SAME = "added", "removed", "changed", "same"


@dataclass
class Row:
    """One outcome or item across two versions: `before` and `after` (either None when added or removed)."""

    state: str
    before: object = None
    after: object = None
    changes: list[str] = field(default_factory=list)
    items: list["Row"] = field(default_factory=list)


def _item_changes(before: PlanItem, after: PlanItem) -> list[str]:
    said = []
    if before.description != after.description:
        said.append("what the support is")
    if before.cared_for_id != after.cared_for_id:
        said.append("who the support is for")
    if (before.who_and_when, before.provider) != (after.who_and_when, after.provider):
        said.append("who provides it, or when")
    if before.cost.weekly != after.cost.weekly or before.cost.once != after.cost.once:
        said.append("what it costs")
    if before.management != after.management:
        said.append("how the money is managed")
    return said


def _paired(earlier: list, later: list) -> list[tuple]:
    """(before, after) pairs: later ones matched to what they were copied from, then what was left of the earlier."""
    by_pk = {row.pk: row for row in earlier}
    pairs = [(by_pk.pop(row.copied_from_id, None), row) for row in later]
    return pairs + [(row, None) for row in earlier if row.pk in by_pk]


def _row(before, after, changes: list[str], items: list[Row] = ()) -> Row:
    """One thing across two versions: added, removed, changed (saying what) or the same."""
    if before is None:
        return Row(ADDED, after=after, items=list(items))
    if after is None:
        return Row(REMOVED, before=before, items=list(items))
    changed = changes or any(item.state != SAME for item in items)
    return Row(CHANGED if changed else SAME, before, after, changes, list(items))


def compare(older: SupportPlan, newer: SupportPlan) -> list[Row]:
    """Outcome by outcome, and in each item by item, what changed from `older` to `newer` (both with their outcomes
    and items prefetched)."""
    rows = []
    for before, after in _paired(list(older.outcomes.all()), list(newer.outcomes.all())):
        items = [
            _row(
                item_before,
                item_after,
                _item_changes(item_before, item_after) if item_before and item_after else [],
            )
            for item_before, item_after in _paired(
                list(before.items.all()) if before else [], list(after.items.all()) if after else []
            )
        ]
        reworded = before is not None and after is not None and before.in_my_words != after.in_my_words
        rows.append(_row(before, after, ["the person's words"] if reworded else [], items))
    return rows
