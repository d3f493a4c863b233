"""`kg extract` on bad input (issue 11): one line on stderr naming the file, what is wrong and the fix; exit code 2;
no traceback; and the -o file is written only when extraction succeeded (a file already there is left as it was).

Every fixture is generated here in tmp_path; the real CLI runs in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]
BEFORE = b"an earlier result that a failed run must not touch\n"


def _extract(tmp_path: Path, *paths: str, env: dict[str, str] | None = None,
             output: Path | None = None) -> tuple[subprocess.CompletedProcess, Path]:
    """Run `kg extract PATHS -o OUT` from tmp_path; OUT already holds BEFORE unless `output` (absent) is given."""
    out = output or tmp_path / "out.trig"
    if output is None:
        out.write_bytes(BEFORE)
    run = subprocess.run([sys.executable, "-m", "kg.cli", "extract", *paths, "--no-gazetteer", "-o", str(out)],
                         capture_output=True, text=True, cwd=tmp_path, timeout=60,
                         env={**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env or {})})
    return run, out


def _assert_refused(run: subprocess.CompletedProcess, out: Path, name: str, *words: str) -> str:
    assert run.returncode == 2, (run.returncode, run.stderr)
    assert "Traceback" not in run.stderr, run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    line = lines[0]
    assert line.startswith("kg extract: ") and name in line and "Fix:" in line, line
    for word in words:
        assert word in line, (word, line)
    assert run.stdout == ""
    if out.name == "out.trig":
        assert out.read_bytes() == BEFORE
    else:
        assert not out.exists()
    assert not [p.name for p in out.parent.iterdir() if p.name.endswith(".part")]
    return line


def test_empty_path_argument(tmp_path: Path) -> None:
    run, out = _extract(tmp_path, "")
    _assert_refused(run, out, "''", "the path is empty")


def test_directory(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    run, out = _extract(tmp_path, "articles")
    _assert_refused(run, out, "articles", "directory", "--sources")


def test_binary_file(tmp_path: Path) -> None:
    (tmp_path / "scan.txt").write_bytes(b"%PDF-1.4\x00\x01\x02\x03" * 64)
    run, out = _extract(tmp_path, "scan.txt")
    _assert_refused(run, out, "scan.txt", "binary")


def test_non_utf8_file(tmp_path: Path) -> None:
    (tmp_path / "cp1251.txt").write_bytes("Лагерь № 7 был закрыт в 1949 году.\n".encode("cp1251"))
    run, out = _extract(tmp_path, "cp1251.txt")
    _assert_refused(run, out, "cp1251.txt:1", "not UTF-8", "iconv")


def test_utf16_file(tmp_path: Path) -> None:
    (tmp_path / "utf16.txt").write_text("Camp No. 7 was closed in 1949.\n", encoding="utf-16")
    run, out = _extract(tmp_path, "utf16.txt")
    _assert_refused(run, out, "utf16.txt", "UTF-16")


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.md").write_bytes(b"")
    run, out = _extract(tmp_path, "empty.md")
    _assert_refused(run, out, "empty.md", "empty")


def test_file_over_the_size_cap(tmp_path: Path) -> None:
    with (tmp_path / "huge.txt").open("wb") as f:   # 50 MB, sparse: refused on its size before it is read
        f.truncate(50 * 1024 * 1024)
    run, out = _extract(tmp_path, "huge.txt")
    line = _assert_refused(run, out, "huge.txt", "52,428,800 bytes", "10,485,760-byte", "KG_MAX_TEXT_BYTES")
    assert "10 MiB" in line


def test_size_cap_is_set_by_kg_max_text_bytes(tmp_path: Path) -> None:
    (tmp_path / "short.txt").write_text("Camp No. 7 was closed in 1949.\n", encoding="utf-8")
    run, out = _extract(tmp_path, "short.txt", env={"KG_MAX_TEXT_BYTES": "16"})
    _assert_refused(run, out, "short.txt", "above the 16-byte", "KG_MAX_TEXT_BYTES")


def test_invalid_kg_max_text_bytes(tmp_path: Path) -> None:
    (tmp_path / "short.txt").write_text("Camp No. 7 was closed in 1949.\n", encoding="utf-8")
    run, out = _extract(tmp_path, "short.txt", env={"KG_MAX_TEXT_BYTES": "ten megabytes"})
    _assert_refused(run, out, "KG_MAX_TEXT_BYTES", "not a positive number")


def test_missing_file(tmp_path: Path) -> None:
    run, out = _extract(tmp_path, "no-such-article.txt")
    _assert_refused(run, out, "no-such-article.txt", "no such file")


def test_absent_output_is_not_created_when_a_later_file_fails(tmp_path: Path) -> None:
    """The first article is extracted (its quads go to the file written aside) before the second fails late,
    past its first chunk: the target does not appear and the aside file is removed."""
    (tmp_path / "good.txt").write_text("Camp No. 7 was closed in 1949.\n", encoding="utf-8")
    (tmp_path / "late.txt").write_bytes(b"Camp No. 9 was closed in 1950.\n" * 4000 + b"caf\xe9\n")
    run, out = _extract(tmp_path, "good.txt", "late.txt", output=tmp_path / "new.trig")
    _assert_refused(run, out, "late.txt:4001", "not UTF-8")


def test_good_file_still_writes_the_output(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Camp No. 7 was closed in 1949.\n", encoding="utf-8")
    run, out = _extract(tmp_path, "good.txt")
    assert run.returncode == 0, run.stderr
    assert out.read_bytes() != BEFORE and b"good.txt" in out.read_bytes()
