"""Questionnaires as data: load one from its JSON description, and copy a published one into a new draft.

The loaders take `get_model` so a data migration can use its historical models; everything else uses the
default (the current models)."""

import json
from pathlib import Path

from django.apps import apps

DATA = Path(__file__).resolve().parent / "data"
SEEDED = {"adult": DATA / "adult_questionnaire.json", "carer": DATA / "carer_questionnaire.json"}


def read_spec(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def create_from_spec(spec: dict, *, version: int, status: str = "draft", get_model=apps.get_model):
    """Write a questionnaire, its domains, questions, options and glossary from `spec` in a few bulk inserts."""
    Questionnaire = get_model("assessment", "Questionnaire")
    Domain = get_model("assessment", "Domain")
    Question = get_model("assessment", "Question")
    Option = get_model("assessment", "Option")
    GlossaryTerm = get_model("assessment", "GlossaryTerm")

    questionnaire = Questionnaire.objects.create(
        kind=spec["kind"],
        version=version,
        title=spec["title"],
        introduction=spec.get("introduction", ""),
        status=status,
    )
    GlossaryTerm.objects.bulk_create(
        GlossaryTerm(questionnaire=questionnaire, term=item["term"], definition=item["definition"])
        for item in spec.get("glossary", [])
    )
    domains = Domain.objects.bulk_create(
        Domain(
            questionnaire=questionnaire,
            order=order,
            **{field: item.get(field, "") for field in DOMAIN_FIELDS},
            outcomes=item.get("outcomes", []),
        )
        for order, item in enumerate(spec["domains"], start=1)
    )
    question_specs = [
        (domain, order, item)
        for domain, domain_spec in zip(domains, spec["domains"], strict=True)
        for order, item in enumerate(domain_spec["questions"], start=1)
    ]
    questions = Question.objects.bulk_create(
        Question(domain=domain, order=order, key=item["key"], text=item["text"], hint=item.get("hint", ""))
        for domain, order, item in question_specs
    )
    Option.objects.bulk_create(
        Option(
            question=question,
            order=order,
            label=option["label"],
            description=option["description"],
            points=option["points"],
        )
        for question, (_, _, item) in zip(questions, question_specs, strict=True)
        for order, option in enumerate(item["options"], start=1)
    )
    return questionnaire


DOMAIN_FIELDS = (
    "key",
    "title",
    "summary",
    "screening_question",
    "screening_hint",
    "needs_label",
    "no_needs_label",
    "words_prompt",
)


def spec_of(questionnaire) -> dict:
    """A questionnaire as the JSON it could be loaded from: the basis of a new draft."""
    return {
        "kind": questionnaire.kind,
        "title": questionnaire.title,
        "introduction": questionnaire.introduction,
        "glossary": [{"term": t.term, "definition": t.definition} for t in questionnaire.glossary.all()],
        "domains": [
            {
                **{field: getattr(domain, field) for field in DOMAIN_FIELDS},
                "outcomes": list(domain.outcomes),
                "questions": [
                    {
                        "key": question.key,
                        "text": question.text,
                        "hint": question.hint,
                        "options": [
                            {"label": o.label, "description": o.description, "points": o.points}
                            for o in question.options.all()
                        ],
                    }
                    for question in domain.questions.all()
                ],
            }
            for domain in questionnaire.domains.prefetch_related("questions__options")
        ],
    }


def seed_published(get_model=apps.get_model) -> None:
    """The council's starting questionnaires, published as version 1 of each kind."""
    Questionnaire = get_model("assessment", "Questionnaire")
    for kind, path in SEEDED.items():
        if not Questionnaire.objects.filter(kind=kind).exists():
            create_from_spec(read_spec(path), version=1, status="published", get_model=get_model)


def publish_problems(domains, known_outcomes) -> list[str]:
    """What would make a draft unfit to answer: plain rules over its structure."""
    problems = []
    if not domains:
        problems.append("Add at least one area of life")
    for domain in domains:
        questions = list(domain.questions.all())
        if not questions:
            problems.append(f"{domain.title}: add at least one question")
        if unknown := [outcome for outcome in domain.outcomes if outcome not in known_outcomes]:
            problems.append(f"{domain.title}: these are not Care Act outcomes: {', '.join(unknown)}")
        for question in questions:
            options = list(question.options.all())
            if len(options) < 2:
                problems.append(f"{domain.title}, “{question.text}”: give at least two answers")
            if any(not option.description.strip() for option in options):
                problems.append(f"{domain.title}, “{question.text}”: describe every answer in plain words")
    return problems
