"""``predict semeval2025`` end to end with tiny models: file names, columns, one line per mention."""

from __future__ import annotations

from pathlib import Path

from fakes_framing import build_narrative_model, build_role_model
from narrascope.framing.narrative_model import NarrativeModel
from narrascope.framing.predict import predict_semeval
from narrascope.framing.role_model import RoleModel
from narrascope.framing.semeval import read_subtask1, read_subtask2


def test_predict_writes_the_three_submission_files(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    war = (
        "Peace talks\r\n\r\nWestern capitals prolong the war by sending weapons.\r\n"
        "Shelling killed civilians in Kharkiv.\r\n"
    )
    (docs / "EN_UA_1.txt").write_bytes(war.encode())
    (docs / "EN_UA_2.txt").write_bytes(b"Rain fell on the fields.\n")
    start = war.index("civilians")
    (tmp_path / "mentions.txt").write_text(
        f"EN_UA_1.txt\tcivilians\t{start}\t{start + 8}\nEN_UA_2.txt\tfields\t18\t23\n", encoding="utf-8")
    (tmp_path / "dominant.txt").write_text("EN_UA_1.txt\tURW: Blame\tURW: Blame: West prolongs war\n", encoding="utf-8")
    build_narrative_model(tmp_path / "nar")
    build_role_model(tmp_path / "roles")
    out = tmp_path / "out"
    counts = predict_semeval(docs, out, NarrativeModel.load(tmp_path / "nar"), RoleModel.load(tmp_path / "roles"),
                             tmp_path / "mentions.txt", tmp_path / "dominant.txt")
    assert counts == {"subtask-1": 2, "subtask-2": 2, "subtask-3": 1}
    assert read_subtask2(out / "subtask-2-predictions.txt") == {
        "EN_UA_1.txt": (["URW: Blame"], ["URW: Blame: West prolongs war"]),
        "EN_UA_2.txt": (["Other"], ["Other"]),
    }
    roles = read_subtask1(out / "subtask-1-predictions.txt")
    assert [(m.article_id, m.text, m.start, m.end - 1, m.main_role, m.fine_roles) for m in roles] == [
        ("EN_UA_1.txt", "civilians", start, start + 8, "Innocent", ["Victim"]),
        ("EN_UA_2.txt", "fields", 18, 23, "Antagonist", ["Tyrant"]),
    ]
    [line] = (out / "subtask-3-predictions.txt").read_text(encoding="utf-8").splitlines()
    aid, text = line.split("\t")
    assert aid == "EN_UA_1.txt" and "Western capitals prolong the war" in text and len(text.split()) <= 80
