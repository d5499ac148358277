"""Proportionality as plain functions: what finishes a domain, what it scores and what is still missing."""

from types import SimpleNamespace

from assessment.progress import DomainStatus, domain_progress, glossary_for, problems


def _domain(title="Personal care", questions=3):
    return SimpleNamespace(
        key="personal_care", title=title, questions=[SimpleNamespace(pk=n) for n in range(1, questions + 1)]
    )


def _option(points):
    return SimpleNamespace(points=points)


def test_a_domain_screened_out_is_finished_with_one_answer_and_scores_nothing():
    domain = _domain()
    found = domain_progress(domain, domain.questions, False, {1: _option(5)})
    assert found.status == DomainStatus.NO_NEEDS
    assert found.is_finished
    assert found.points == 0
    assert found.problem == ""


def test_a_domain_with_needs_is_finished_only_when_every_question_has_an_answer():
    domain = _domain()
    partly = domain_progress(domain, domain.questions, True, {1: _option(3), 2: _option(5)})
    assert partly.status == DomainStatus.IN_PROGRESS
    assert partly.problem == "Answer the 1 question left in personal care"
    done = domain_progress(domain, domain.questions, True, {1: _option(3), 2: _option(5), 3: _option(0)})
    assert done.status == DomainStatus.DONE
    assert done.points == 8


def test_an_unscreened_domain_asks_for_its_screening_answer():
    domain = _domain(title="Home")
    found = domain_progress(domain, domain.questions, None, {})
    assert found.status == DomainStatus.NOT_STARTED
    assert problems([found]) == [(domain, "Say whether there are needs in home")]


def test_answers_given_before_the_screening_question_show_the_domain_as_in_progress():
    domain = _domain()
    assert domain_progress(domain, domain.questions, None, {1: _option(2)}).status == DomainStatus.IN_PROGRESS


def test_the_glossary_explains_only_the_words_a_question_uses():
    prompting = SimpleNamespace(term="Prompting", definition="Reminding")
    telecare = SimpleNamespace(term="Telecare", definition="Alarms")
    assert glossary_for(["Someone needs to prompting me", "hint"], [prompting, telecare]) == [prompting]
