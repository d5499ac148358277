from django.db import migrations

# A starting point a council changes in its configuration screens (a new draft of the planning rules). What a
# personal budget cannot pay for follows the Care Act 2014 and the Care and Support (Direct Payments) Regulations
# 2014; the rest asks for a second look, never a refusal.
GUIDANCE = [
    (
        "cannot",
        "Alcohol, tobacco or gambling",
        "A personal budget is public money for your care and support. It cannot be spent on alcohol, tobacco or "
        "gambling.",
        "alcohol, beer, wine, spirits, cigarette, tobacco, vape, gambling, betting, bingo, lottery, casino",
    ),
    (
        "cannot",
        "Everyday living costs",
        "Your budget pays for support to meet your needs, not everyday living costs such as rent, food, bills or "
        "debts. You still pay those from your own income.",
        "rent, mortgage, council tax, gas bill, electricity bill, water bill, utility bill, phone bill, groceries, "
        "food shopping, debt, loan",
    ),
    (
        "cannot",
        "Health care the NHS provides",
        "Care the NHS provides free, such as prescriptions, nursing care or therapy from a health professional, is "
        "not paid from a personal budget. Your worker can help you ask the NHS.",
        "prescription, medication, medicine, nursing care, district nurse, physiotherapy, chiropody, podiatry, "
        "dentist, dental",
    ),
    (
        "check",
        "A stay in a care home",
        "A direct payment can pay for short stays in a care home, up to four weeks in a year, but not for living "
        "there. Your worker will talk with you about the right way to arrange a longer stay.",
        "care home, residential care, nursing home, respite home",
    ),
    (
        "check",
        "Paying a relative who lives with you",
        "A direct payment can pay a close relative who lives with you only when the council agrees it is "
        "necessary. Your worker will check this with you.",
        "my son, my daughter, my wife, my husband, my partner, my mother, my father, my mum, my dad, my sister, "
        "my brother, relative, family member",
    ),
    (
        "check",
        "Equipment lent free",
        "Equipment such as grab rails, bath seats and walking frames is usually lent free by the community "
        "equipment service, often within days. Check before paying for it.",
        "grab rail, hand rail, bath seat, bath lift, commode, walking frame, zimmer, perching stool, "
        "raised toilet seat",
    ),
    (
        "check",
        "Holidays, leisure and memberships",
        "A break or an activity can meet an outcome, like seeing friends or having a rest from caring. Say in the "
        "plan which outcome it meets, and how.",
        "holiday, cruise, flight, hotel, gym, membership, cinema, theatre, concert, season ticket",
    ),
    (
        "check",
        "Employing a personal assistant",
        "Employing someone makes you their employer, with pay, tax, insurance and holiday pay to arrange. A "
        "direct payment support service can do this with you.",
        "personal assistant, employ, employing",
    ),
]


def first_guidance(apps, schema_editor):
    SpendingRule = apps.get_model("support_planning", "SpendingRule")
    for rules in apps.get_model("support_planning", "PlanningRules").objects.all():
        SpendingRule.objects.bulk_create(
            SpendingRule(rules=rules, order=order, kind=kind, what=what, why=why, words=words)
            for order, (kind, what, why, words) in enumerate(GUIDANCE)
        )


def no_guidance(apps, schema_editor):
    apps.get_model("support_planning", "SpendingRule").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("support_planning", "0007_spending_guidance")]
    operations = [migrations.RunPython(first_guidance, no_guidance)]
