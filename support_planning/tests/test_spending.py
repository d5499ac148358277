"""The spending guidance as a plain rule: which items it points to, and in what order."""

from support_planning import spending
from support_planning.spending import CANNOT, CHECK, Guidance, Item

GAMBLING = Guidance(
    CANNOT, "Alcohol, tobacco or gambling", "Public money.", spending.words_of("wine, betting")
)
RELATIVE = Guidance(CHECK, "Paying a relative", "Only when agreed.", spending.words_of("my son, my daughter"))


def flagged(text: str, guidance=(GAMBLING, RELATIVE)) -> list[str]:
    return [flag.guidance.what for flag in spending.flags([Item(1, text, text)], guidance)]


def test_the_words_an_admin_types_are_trimmed_lowered_and_kept_once():
    assert spending.words_of(" Wine,beer , ,WINE,  grab rail ") == ("wine", "beer", "grab rail")
    assert spending.words_of("") == ()


def test_whole_words_and_their_plurals_match_whatever_their_case():
    assert flagged("A case of Wine") == ["Alcohol, tobacco or gambling"]
    assert flagged("Two wines a week") == ["Alcohol, tobacco or gambling"]
    assert flagged("Betting shop trips") == ["Alcohol, tobacco or gambling"]


def test_a_word_inside_another_word_does_not_match():
    assert flagged("Swine flu jab at the surgery") == []
    assert flagged("Winery tour") == []


def test_a_phrase_matches_across_any_run_of_spaces_but_not_split_words():
    assert flagged("Paid to my   son for evening calls") == ["Paying a relative"]
    assert flagged("Mason, the gardener") == []


def test_what_cannot_be_bought_comes_first_and_each_item_is_flagged_once_per_line_of_guidance():
    items = [Item(1, "Sitting", "Sitting by my son"), Item(2, "Wine", "Wine and betting")]
    flags = spending.flags(items, [RELATIVE, GAMBLING])
    assert [(flag.item_id, flag.guidance.kind) for flag in flags] == [(2, CANNOT), (1, CHECK)]
    assert flags[0].cannot and not flags[1].cannot
    assert flags[0].as_record() == {
        "item": 2,
        "description": "Wine",
        "kind": CANNOT,
        "what": "Alcohol, tobacco or gambling",
        "why": "Public money.",
    }


def test_guidance_with_no_words_points_to_nothing():
    assert flagged("Anything at all", [Guidance(CHECK, "Empty", "", ())]) == []
