"""How far an assessment has got, as plain functions of its questionnaire and answers.

Proportionality lives here: a domain screened out ("no needs here") is finished with that one answer, scores
nothing and asks nothing more; a domain screened in is finished when each of its questions has an answer."""

from dataclasses import dataclass
from enum import StrEnum


class DomainStatus(StrEnum):
    NOT_STARTED = "Not started"
    NO_NEEDS = "No needs"
    IN_PROGRESS = "In progress"
    DONE = "Done"


@dataclass(frozen=True)
class DomainProgress:
    domain: object
    has_needs: bool | None
    answered: int
    total: int
    points: int

    @property
    def status(self) -> DomainStatus:
        if self.has_needs is False:
            return DomainStatus.NO_NEEDS
        if self.has_needs and self.answered == self.total:
            return DomainStatus.DONE
        if self.has_needs is None and not self.answered:
            return DomainStatus.NOT_STARTED
        return DomainStatus.IN_PROGRESS

    @property
    def is_finished(self) -> bool:
        return self.status in (DomainStatus.NO_NEEDS, DomainStatus.DONE)

    @property
    def problem(self) -> str:
        """What is still needed, for a check-answers page; empty when the domain is finished."""
        title = self.domain.title
        if self.has_needs is None:
            return f"Say whether there are needs in {title.lower()}"
        if self.has_needs and self.answered < self.total:
            left = self.total - self.answered
            return f"Answer the {left} {'question' if left == 1 else 'questions'} left in {title.lower()}"
        return ""


def domain_progress(domain, questions, has_needs: bool | None, answers: dict) -> DomainProgress:
    """`answers` maps question id to the chosen option (anything with `points`); answers left from before the
    domain was screened out are kept but count for nothing."""
    chosen = [answers[question.pk] for question in questions if question.pk in answers]
    return DomainProgress(
        domain=domain,
        has_needs=has_needs,
        answered=len(chosen),
        total=len(questions),
        points=sum(option.points for option in chosen) if has_needs else 0,
    )


def assessment_progress(domains, screening: dict, answers: dict) -> list[DomainProgress]:
    """Progress for every domain, in order; `screening` maps domain id to its has-needs answer."""
    return [
        domain_progress(domain, list(domain.questions.all()), screening.get(domain.pk), answers)
        for domain in domains
    ]


def problems(progress: list[DomainProgress]) -> list[tuple[object, str]]:
    """(domain, what is missing) for every unfinished domain."""
    return [(item.domain, item.problem) for item in progress if not item.is_finished]


def points_by_domain(progress: list[DomainProgress]) -> dict[str, int]:
    return {item.domain.key: item.points for item in progress}


def glossary_for(texts: list[str], glossary) -> list:
    """The glossary terms that appear in any of `texts`, so each question explains its own words."""
    joined = " ".join(texts).lower()
    return [term for term in glossary if term.term.lower() in joined]


NEEDS_PAGE = "needs"
WORDS_PAGE = "in-your-words"


def question_page(question) -> str:
    return f"q-{question.key}"


def one_question_pages(domains, screening: dict) -> list[tuple[object, str]]:
    """Online, one question per page, in order: each area's screening question; where there are needs, each of
    its questions and a page for the person's own words. An area screened out asks nothing more."""
    pages = []
    for domain in domains:
        pages.append((domain, NEEDS_PAGE))
        if screening.get(domain.pk):
            pages += [(domain, question_page(question)) for question in domain.questions.all()]
            pages.append((domain, WORDS_PAGE))
    return pages
