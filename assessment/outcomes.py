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
    # The regulations' words, made plain where they repeat themselves.
    "carer_other_care": "Providing care to other people the carer looks after",
    "carer_home": "Keeping the carer's own home fit to live in (a habitable home environment)",
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
