from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.corpus import from_texts, load_corpus
from factcheck.corpus.dates import document_date
from factcheck.corpus.sentences import is_furniture
from factcheck.errors import FactcheckError

from .conftest import SEEDS


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "In a statement, retired Lt. Diane Goldstein said so. Then she left.",
            ["In a statement, retired Lt. Diane Goldstein said so.", "Then she left."],
        ),
        (
            "Sen. Smith met Rep. Jones and Gov. Abbott. They talked.",
            ["Sen. Smith met Rep. Jones and Gov. Abbott.", "They talked."],
        ),
        (
            "Officials in the U.S. Immigration and Customs Enforcement agency agreed.",
            ["Officials in the U.S. Immigration and Customs Enforcement agency agreed."],
        ),
        (
            "The vote is on Nov. 5 in Austin. It will be close.",
            ["The vote is on Nov. 5 in Austin.", "It will be close."],
        ),
        ("They end the 287(g) program. Others disagree.", ["They end the 287(g) program.", "Others disagree."]),
        ('The letter said "end it now." The group agreed.', ['The letter said "end it now."', "The group agreed."]),
        ("“It is time,” said Ms. Shah. “We agree.”", ["“It is time,” said Ms. Shah.", "“We agree.”"]),
        ("It fell to 41.3 percent. Next year, too.", ["It fell to 41.3 percent.", "Next year, too."]),
        ("Headline Without a Stop\nThe body starts here.", ["Headline Without a Stop", "The body starts here."]),
        (
            "A sentence that was hard wrapped by an editor at about seventy columns\nand goes on here.",
            ["A sentence that was hard wrapped by an editor at about seventy columns and goes on here."],
        ),
    ],
)
def test_sentence_splitting_hard_cases(text: str, expected: list[str]) -> None:
    (document,) = from_texts({"doc.txt": text}).documents
    assert [s.text for s in document.sentences] == expected


@pytest.mark.parametrize("text", ["top of page", "See All", "Join the discussion!", "00:00 / 00:00", "bottom of page"])
def test_page_furniture_is_never_evidence(text: str) -> None:
    assert is_furniture(text)


def test_a_real_sentence_is_not_furniture() -> None:
    assert not is_furniture("By April, when the ACLU’s report was released, there were 142.")


def test_seed_sentences_keep_file_line_and_column() -> None:
    corpus = load_corpus(SEEDS)
    doc = corpus.document("000_1228d47631fb79e5.txt")
    by_text = {s.text: s for s in doc.sentences}
    s = by_text["By April, when the ACLU’s report was released, there were 142."]
    assert (s.line, s.column) == (9, 1032)
    source_line = (SEEDS / doc.path).read_text(encoding="utf-8").splitlines()[s.line - 1]
    assert source_line[s.column - 1 :].startswith("By April")
    assert not by_text["top of page"].evidence


def test_document_dates_from_labels_and_not_from_sidebars() -> None:
    corpus = load_corpus(SEEDS)
    assert str(corpus.document("002_6b79fa5a583f5698.txt").date) == "2023-06-15"
    # 001 carries a sidebar column of other articles' dates: not its own.
    assert corpus.document("001_8f62faa1e801a8ad.txt").date is None
    assert document_date("FOR IMMEDIATE RELEASE\nJune 14, 2023\n")[0].isoformat() == "2023-06-14"


def test_html_is_reduced_to_text_with_source_lines(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(
        "<html><head><title>x</title><script>var a = 'Nope. Never.';</script></head>\n"
        "<body>\n<p>First paragraph here.</p>\n<p>The program had <b>142</b> partners &amp; more.</p>\n</body></html>\n",
        encoding="utf-8",
    )
    doc = load_corpus(tmp_path).documents[0]
    texts = [(s.text, s.line) for s in doc.sentences]
    assert ("First paragraph here.", 3) in texts
    assert ("The program had 142 partners & more.", 4) in texts
    assert not any("Never" in t for t, _ in texts)


def test_binary_and_non_utf8_documents_are_skipped_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("A perfectly good sentence about agencies.", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 au lait for everyone here.".encode("latin-1"))
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary")
    corpus = load_corpus(tmp_path)
    assert [d.path for d in corpus.documents] == ["good.txt"]
    assert any("latin1.txt" in w and "UTF-8" in w for w in corpus.warnings)
    assert any("blob.txt" in w and "binary" in w for w in corpus.warnings)


def test_missing_and_empty_folders_are_errors(tmp_path: Path) -> None:
    with pytest.raises(FactcheckError, match="not found"):
        load_corpus(tmp_path / "nope")
    with pytest.raises(FactcheckError, match="no documents"):
        load_corpus(tmp_path)
