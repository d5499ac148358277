"""Answers as people read them back: for check-your-answers, a conflict ("theirs and yours") and letters."""

from dataclasses import dataclass

from assessment.forms import TEXT_LABELS


@dataclass(frozen=True)
class DomainSummary:
    domain: object
    has_needs: bool | None
    rows: list  # (question, chosen option or None)
    texts: list  # (label, text) for what was written, in the order the form asks

    @property
    def screening_answer(self) -> str:
        if self.has_needs is None:
            return "Not answered yet"
        return self.domain.needs_label if self.has_needs else self.domain.no_needs_label


def domain_summary(domain, response, answers: dict) -> DomainSummary:
    rows = [(question, answers.get(question.pk)) for question in domain.questions.all()]
    texts = [
        (label or domain.words_prompt, getattr(response, part))
        for part, label in TEXT_LABELS.items()
        if getattr(response, part).strip()
    ]
    return DomainSummary(
        domain=domain, has_needs=response.has_needs, rows=rows if response.has_needs else [], texts=texts
    )


def summaries(structure, responses: dict, answers: dict) -> list[DomainSummary]:
    return [domain_summary(domain, responses[domain.pk], answers) for domain in structure]
