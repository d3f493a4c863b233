"""Reading CSV tables strictly: UTF-8 only, header checked, every row with its line number."""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from pathlib import Path

from kg.errors import InputError, Problem


def _check_utf8(path: Path) -> None:
    """Fail with the line of the first byte that is not UTF-8, reading in bounded chunks."""
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    line = 1
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as e:
                line += chunk[: e.start].count(b"\n")
                raise InputError([Problem(
                    path, line, None, f"the file is not UTF-8 (byte 0x{chunk[e.start]:02x})",
                    "re-save the file as UTF-8 (e.g. `iconv -f cp1251 -t utf-8`), the only encoding accepted",
                )]) from None
            line += chunk.count(b"\n")
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise InputError([Problem(path, line, None, "the file ends inside a UTF-8 character",
                                      "re-save the file as UTF-8")]) from None


def read_header(path: Path) -> list[str]:
    _check_utf8(path)
    with path.open(encoding="utf-8-sig", newline="") as f:
        header = next(csv.reader(f), None)
    if not header:
        raise InputError([Problem(path, 1, None, "the table is empty: no header row",
                                  "write a header row naming the columns (see data/mapping.yaml)")])
    return [h.strip() for h in header]


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number of the row's first line, {column: stripped cell}) for every non-blank row.

    The file must have been checked by `read_header` first (encoding, header)."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        header = [h.strip() for h in next(reader)]
        line = reader.line_num + 1
        for cells in reader:
            start, line = line, reader.line_num + 1
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(header):
                raise InputError([Problem(
                    path, start, None,
                    f"the row has {len(cells)} cells but the header has {len(header)} columns",
                    "quote cells that contain commas (\"a, b\") and give every row one cell per column",
                )])
            yield start, {h: c.strip() for h, c in zip(header, cells)}
