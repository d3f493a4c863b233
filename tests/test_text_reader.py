"""Reading articles: clean text with a map back to the original, and clear errors for bad input."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.extract.text.spans import dates, quotations, sentences
from kg.sources.text import read_blocks

FIXTURES = Path(__file__).parent / "fixtures" / "text"


def _error(path: Path) -> str:
    with pytest.raises(InputError) as e:
        list(read_blocks(path))
    return str(e.value)


def test_empty_file_is_a_clear_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert "the file is empty" in _error(empty)
    blank = tmp_path / "blank.md"
    blank.write_text("  \n\n\t\n", encoding="utf-8")
    assert "no text" in _error(blank)


def test_binary_file_is_refused(tmp_path: Path) -> None:
    png = tmp_path / "picture.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    message = _error(png)
    assert "binary" in message and "picture.txt" in message


def test_non_utf8_text_names_the_line_of_the_first_bad_byte(tmp_path: Path) -> None:
    cp1251 = tmp_path / "russian.txt"
    cp1251.write_bytes("First line is ASCII.\nSecond line too.\n".encode() + "Лагерь № 99\n".encode("cp1251"))
    message = _error(cp1251)
    assert "russian.txt:3" in message and "not UTF-8" in message and "iconv" in message


def test_utf16_is_recognised_and_refused(tmp_path: Path) -> None:
    utf16 = tmp_path / "wide.txt"
    utf16.write_bytes("Camp No. 99 in Spassk".encode("utf-16"))
    assert "UTF-16" in _error(utf16)


def test_plain_text_blocks_map_back_to_the_original_exactly() -> None:
    path = FIXTURES / "balkhash.txt"
    original = path.read_text(encoding="utf-8")
    blocks = list(read_blocks(path))
    assert len(blocks) == 6
    for b in blocks:
        assert original[b.start:b.end] == b.original == b.text
        for s, e in sentences(b.text):
            quote, o_start, o_end = b.quote(s, e)
            assert original[o_start:o_end] == quote


def test_html_drops_scripts_and_styles_and_keeps_entities_verbatim_in_quotes() -> None:
    path = FIXTURES / "balkhash.html"
    original = path.read_text(encoding="utf-8")
    blocks = list(read_blocks(path))
    clean = "\n".join(b.text for b in blocks)
    assert "999" not in clean and "998" not in clean and "9999" not in clean and "color" not in clean
    assert "997" not in clean and "readers" not in clean   # navigation and footer are page chrome
    assert "&amp;" not in clean and "internees & the guards" in clean
    assert "«On the use of internees in copper smelting»" in clean
    para = next(b for b in blocks if "Tulegenov" in b.text)
    i = para.text.index("camp N\u00a037")
    quote, s, e = para.quote(i, i + len("camp N\u00a037"))
    assert quote == "camp N&nbsp;37" == original[s:e]
    j = para.text.index("internees & the guards")
    quote, s, e = para.quote(j, j + len("internees & the guards"))
    assert quote == "internees &amp; the guards" == original[s:e]


def test_markdown_markup_is_removed_but_quotes_are_the_original_characters() -> None:
    path = FIXTURES / "balkhash.md"
    original = path.read_text(encoding="utf-8")
    blocks = list(read_blocks(path))
    clean = " ".join(b.text for b in blocks)
    assert "**" not in clean and "](" not in clean and not clean.startswith("#")
    para = next(b for b in blocks if "Tulegenov" in b.text)
    i = para.text.index("Balkhash camp No. 37")
    quote, s, e = para.quote(i, i + len("Balkhash camp No. 37"))
    assert quote == "Balkhash camp No. 37" == original[s:e]
    k = para.text.index("A. B. Tulegenov")
    quote, s, e = para.quote(k, k + len("A. B. Tulegenov describes"))
    assert quote == "A. B. Tulegenov** describes" == original[s:e]


def test_a_very_large_file_is_read_in_bounded_memory(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    paragraph = (FIXTURES / "balkhash.txt").read_text(encoding="utf-8")
    with big.open("w", encoding="utf-8") as f:
        for _ in range(4_500):      # about 4 MB
            f.write(paragraph + "\n")
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_blocks(big))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 4_500 * 6
    assert peak < 1_000_000, f"reading a {big.stat().st_size}-byte file peaked at {peak} bytes"


def test_an_open_quotation_joins_the_next_paragraph(tmp_path: Path) -> None:
    path = tmp_path / "split.txt"
    path.write_text('The monograph "Camps of the steppe.\n\nLagerya stepi" (Almaty, 2010) appeared.\n\nNext.\n',
                    encoding="utf-8")
    blocks = list(read_blocks(path))
    assert len(blocks) == 2
    (q,) = quotations(blocks[0].text)
    assert q.text == "Camps of the steppe.\n\nLagerya stepi"


@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_a_paragraph_of_numbered_notes_is_one_block_per_note(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"notes.{fmt}"
    original = "Some text.\n\nNotes\n1. A. Author, Title one (Tokyo, 1979), p. 5.\n2. Ibid., p. 7.\n\nA line\nand 2 more.\n"
    path.write_text(original, encoding="utf-8")
    blocks = list(read_blocks(path))
    notes = ["A. Author, Title one (Tokyo, 1979), p. 5.", "Ibid., p. 7."]   # Markdown drops a list's numbers
    assert [b.text for b in blocks] == ["Some text.", "Notes", *(notes if fmt == "md" else
                                        [f"{i}. {note}" for i, note in enumerate(notes, 1)]), "A line\nand 2 more." if fmt == "txt" else
                                        "A line and 2 more."]   # a paragraph of other lines stays one block
    assert all(original[b.start:b.end] == b.original for b in blocks)


def test_a_title_line_right_above_the_text_is_a_block_of_its_own(tmp_path: Path) -> None:
    path = tmp_path / "titled.txt"
    body = "Kuroda Tetsuo (1905-1977) was an officer of the army who spent eleven years in captivity, most of them " \
           "in the camps of the Karaganda region, and later led the movement to record the graves."
    path.write_text(f"Kuroda Tetsuo\n{body}\n\nNext.\n", encoding="utf-8")
    assert [b.text for b in read_blocks(path)] == ["Kuroda Tetsuo", body, "Next."]
    wrapped = tmp_path / "wrapped.txt"   # a paragraph wrapped at 80 columns stays one block
    wrapped.write_text("The camp was founded in 1945 and its first\ncommandant was Major Rudenko.\n", encoding="utf-8")
    assert len(list(read_blocks(wrapped))) == 1


def test_a_chronology_of_bullets_under_year_headings_is_one_block_per_line(tmp_path: Path) -> None:
    path = tmp_path / "chronology.txt"
    path.write_text("Chronology\n1945\n- 9 August: War.\n- 23 August: A resolution.\n1946\n- Spring: Work.\n",
                    encoding="utf-8")
    assert [b.text for b in read_blocks(path)] == ["Chronology", "1945", "- 9 August: War.", "- 23 August: A resolution.",
                                                   "1946", "- Spring: Work."]


def test_sentences_do_not_end_at_initials_or_numbers() -> None:
    text = "Professor M. M. Zhukov wrote it. Camp No. 5 was closed in 1949. Yu. Ivanov agreed."
    assert [text[s:e] for s, e in sentences(text)] == [
        "Professor M. M. Zhukov wrote it.", "Camp No. 5 was closed in 1949.", "Yu. Ivanov agreed."]


def test_dates_keep_the_precision_of_the_text() -> None:
    found = {d.as_written: (d.value, d.kind) for d in dates(
        "on March 3, 1946, in May 1947, in 1948, during 1941-1945, until 1950, at the turn of the 1980s and 1990s")}
    assert found == {
        "March 3, 1946": ("1946-03-03", "point"),
        "May 1947": ("1947-05", "point"),
        "1948": ("1948", "point"),
        "1941-1945": ("1941/1945", "range"),
        "1950": ("1950", "until"),
        "the turn of the 1980s and 1990s": ("the turn of the 1980s and 1990s", "vague"),
    }
