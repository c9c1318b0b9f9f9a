from narrascope.actors.gazetteer import build_gazetteer
from narrascope.actors.matcher import Matcher, tokenize

GAZ = build_gazetteer(
    [
        ("t", {"id": "us", "canonical": "United States", "type": "GPE", "aliases": ["US", "U.S."], "code": "US"}),
        ("t", {"id": "kyiv", "canonical": "Kyiv", "type": "GPE", "aliases": ["Kiev"]}),
        ("t", {"id": "kremlin", "canonical": "Kremlin", "type": "ORG", "aliases": ["the Kremlin"]}),
        ("t", {"id": "kyiv-post", "canonical": "Kyiv Post", "type": "ORG"}),
    ]
)


def _find(text: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.entries[0].actor_id) for m in Matcher(GAZ.names).find(text, tokenize(text))]


def test_longest_match_and_spelling_keys() -> None:
    got = _find("The Kyiv Post said Kiev and Kyiv agree.")
    assert got == [("Kyiv Post", "kyiv-post"), ("Kiev", "kyiv"), ("Kyiv", "kyiv")]


def test_case_rules_keep_pronouns_out() -> None:
    assert _find("Let us go to the U.S. with US help; Us too.") == [("U.S.", "us"), ("US", "us")]
    assert _find("the kremlin wall") == []


def test_phrases_do_not_cross_punctuation_or_lines() -> None:
    assert _find("Kyiv, Post office") == [("Kyiv", "kyiv")]
    assert _find("Kyiv\nPost") == [("Kyiv", "kyiv")]
    assert _find("the Kremlin’s view") == [("Kremlin’s", "kremlin")]


def test_devanagari_words_are_whole_tokens() -> None:
    assert [t.text for t in tokenize("राष्ट्रपति पुतिन ने कहा।")] == ["राष्ट्रपति", "पुतिन", "ने", "कहा"]


def test_cyrillic_case_forms_match() -> None:
    gaz = build_gazetteer([("t", {"id": "putin", "canonical": "Владимир Путин", "type": "PERSON"})])
    text = "Путину и Владимиру Путину, но не путина."
    got = [(text[m.start : m.end], m.entries[0].actor_id) for m in Matcher(gaz.names).find(text, tokenize(text))]
    assert got == [("Путину", "putin"), ("Владимиру Путину", "putin")]  # lower case: a common noun
