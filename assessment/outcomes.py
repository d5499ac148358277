"""The Care Act outcomes (Care and Support (Eligibility Criteria) Regulations 2015), by the keys the
questionnaire's domains use to say which outcomes their answers evidence."""

ADULT_OUTCOMES = {
    "nutrition": "Managing and maintaining nutrition",
    "hygiene": "Maintaining personal hygiene",
    "toilet": "Managing toilet needs",
    "clothing": "Being appropriately clothed",
    "home_safety": "Being able to make use of the home safely",
    "habitable_home": "Maintaining a habitable home environment",
    "relationships": "Developing and maintaining family or other personal relationships",
    "work": "Accessing and engaging in work, training, education or volunteering",
    "community": "Making use of necessary facilities or services in the local community, including public "
    "transport and recreational facilities or services",
    "child_care": "Carrying out any caring responsibilities the adult has for a child",
}

CARER_OUTCOMES = {
    "carer_child_care": "Carrying out any caring responsibilities the carer has for a child",
    "carer_other_care": "Providing care to other persons for whom the carer provides care",
    "carer_home": "Maintaining a habitable home environment in the carer's home",
    "carer_nutrition": "Managing and maintaining nutrition",
    "carer_relationships": "Developing and maintaining family or other significant personal relationships",
    "carer_work": "Engaging in work, training, education or volunteering",
    "carer_community": "Making use of necessary facilities or services in the local community, including "
    "recreational facilities or services",
    "carer_recreation": "Engaging in recreational activities",
}

ALL_OUTCOMES = {**ADULT_OUTCOMES, **CARER_OUTCOMES}


def outcome_label(key: str) -> str:
    return ALL_OUTCOMES.get(key, key)
