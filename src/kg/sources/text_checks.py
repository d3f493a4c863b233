"""What makes a file unfit to be read as an article, found before or as it is read: a missing path, a directory,
an empty file, a file above `max_text_bytes()` (10 MiB unless $KG_MAX_TEXT_BYTES says otherwise), a binary file
(NUL bytes or mostly control characters), UTF-16 instead of UTF-8. Each is an `InputError` naming the file, the
line where it applies and the fix."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from kg.errors import InputError, Problem

DEFAULT_MAX_TEXT_BYTES = 10 * 1024 * 1024


def problem(path: Path, line: int | None, message: str, fix: str) -> InputError:
    return InputError([Problem(path, line, None, message, fix)])


def max_text_bytes() -> int:
    """The largest article read, in bytes: $KG_MAX_TEXT_BYTES, else DEFAULT_MAX_TEXT_BYTES (10 MiB)."""
    value = os.environ.get("KG_MAX_TEXT_BYTES", "").strip()
    if not value:
        return DEFAULT_MAX_TEXT_BYTES
    try:
        cap = int(value)
    except ValueError:
        cap = 0
    if cap <= 0:
        raise InputError([Problem("KG_MAX_TEXT_BYTES", None, None, f"'{value}' is not a positive number of bytes",
                                  "set it to a whole number of bytes (e.g. KG_MAX_TEXT_BYTES=20000000) or unset it")])
    return cap


def check_file(path: Path) -> None:
    """Refuse, before reading it, a path that cannot be an article: missing, a directory or other non-file,
    unreadable, empty, or above the size cap."""
    path = Path(path)
    if not path.exists():
        raise problem(path, None, "no such file", "check the path (relative paths start from the current folder)")
    if path.is_dir():
        raise problem(path, None, "this is a directory, not a file",
                       "give the article files in it (e.g. `kg extract DIR/*.txt`), or use `kg build --sources DIR`")
    if not path.is_file():
        raise problem(path, None, "this is not a regular file", "give a plain-text, Markdown or HTML file")
    try:
        with path.open("rb"):
            pass
    except OSError as e:
        raise problem(path, None, f"the file cannot be read ({e.strerror})", "check its permissions") from None
    size = path.stat().st_size
    if size == 0:
        raise problem(path, None, "the file is empty", "give an article with some text")
    cap = max_text_bytes()
    if size > cap:
        mib = f" ({cap / 2**20:.3g} MiB)" if cap >= 2**20 else ""
        raise problem(path, None, f"the file is {size:,} bytes, above the {cap:,}-byte{mib} limit for one article",
                       "split it into smaller articles, or raise the limit with KG_MAX_TEXT_BYTES=<bytes>")


def check_head(path: Path, head: bytes) -> None:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise problem(path, 1, "the file is UTF-16, not UTF-8",
                       "re-save it as UTF-8 (e.g. `iconv -f utf-16 -t utf-8 IN > OUT`)")
    sample = head[:8192]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if b"\x00" in sample or (sample and controls / len(sample) > 0.1):
        raise problem(path, None, "the file is binary (it contains NUL or control bytes), not text",
                       "give a plain-text, Markdown or HTML article (convert PDF/Word files to text first)")
