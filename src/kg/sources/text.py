"""Reading articles (plain text, Markdown, HTML) into clean text blocks that remember where they came from.

Offsets: every offset this module hands out is a 0-based Unicode code-point index into the ORIGINAL file as
decoded from UTF-8 (a Python `str` index into `path.read_text("utf-8")`, BOM excluded). Clean text (markup
removed, HTML entities decoded, whitespace collapsed) carries a per-character map back to those offsets, so a
passage found in clean text is reported as `original[start:end]`, verbatim, markup included.

Memory stays bounded: plain text and Markdown are decoded incrementally and cut into paragraphs (blank-line
separated; a paragraph longer than `MAX_BLOCK_CHARS` is cut at a line break or space), so only one paragraph
(plus one held back while a quotation is still open) is in memory at a time. HTML needs its tags balanced, so
an HTML file is read whole; files above `MAX_HTML_BYTES` are refused with an error that says what to do.
HTML loses scripts, styles and page chrome (nav, aside, footer, forms); block elements end paragraphs.

Bad input is an `InputError` naming the file, the line and the fix (the checks are `kg.sources.text_checks`):
a missing path, a directory, an empty file, a file above the size cap, a binary file, a file that is not UTF-8.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

from kg.sources.text_checks import check_file, check_head, problem

MAX_BLOCK_CHARS = 20_000
MAX_HTML_BYTES = 32 * 1024 * 1024
_CHUNK = 1 << 16

FORMATS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
           ".html": "html", ".htm": "html", ".xhtml": "html"}


@dataclass(frozen=True)
class Block:
    """A paragraph of clean text. Clean character i stands for original[starts[i]:ends[i]] (one character,
    or a whole HTML entity); `original` is the verbatim original text from starts[0] to ends[-1]."""

    text: str
    starts: Sequence[int]     # a range for plain text (no per-character storage), a tuple otherwise
    ends: Sequence[int]
    original: str

    @property
    def start(self) -> int:
        return self.starts[0]

    @property
    def end(self) -> int:
        return self.ends[-1]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of the clean slice text[start:end] (end > start)."""
        return self.starts[start], self.ends[end - 1]

    def quote(self, start: int, end: int) -> tuple[str, int, int]:
        """(verbatim original text, original start, original end) of the clean slice text[start:end]."""
        o_start, o_end = self.span(start, end)
        return self.original[o_start - self.start:o_end - self.start], o_start, o_end

    def part(self, start: int, end: int) -> Block:
        """The clean slice text[start:end] as a block of its own (a line of a list), offsets kept."""
        o_start, o_end = self.span(start, end)
        return Block(self.text[start:end], self.starts[start:end], self.ends[start:end],
                     self.original[o_start - self.start:o_end - self.start])


def _entity_end(original: str, i: int) -> int:
    """End (exclusive) of the original character or HTML entity starting at index i."""
    if i < len(original) and original[i] == "&":
        m = re.match(r"&(#\d+|#[xX][0-9a-fA-F]+|\w+);?", original[i:i + 40])
        if m:
            return i + m.end()
    return i + 1


def detect_format(path: Path, head: str) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt:
        return fmt
    if re.match(r"\s*(<!doctype\s+html|<html)", head, re.IGNORECASE):
        return "html"
    return "text"


def read_chars(path: Path) -> Iterator[str]:
    """Decode the file as strict UTF-8 in chunks; an error names the line of the first bad byte."""
    check_file(path)
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    line = 1
    first = True
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            if first:
                check_head(path, chunk)
                if chunk.startswith(codecs.BOM_UTF8):
                    chunk = chunk[3:]
                first = False
            try:
                text = decoder.decode(chunk)
            except UnicodeDecodeError as e:
                line += chunk[: e.start].count(b"\n")
                raise problem(path, line, f"the file is not UTF-8 (byte 0x{chunk[e.start]:02x})",
                               "re-save it as UTF-8 (e.g. `iconv -f cp1251 -t utf-8 IN > OUT`)") from None
            line += chunk.count(b"\n")
            if text:
                yield text
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise problem(path, line, "the file ends inside a UTF-8 character", "re-save it as UTF-8") from None


def _raw_paragraphs(chars: Iterator[str]) -> Iterator[tuple[int, str]]:
    """(original offset, paragraph text) for blank-line separated paragraphs, each at most MAX_BLOCK_CHARS."""
    buf = ""
    base = 0
    sep = re.compile(r"\n[ \t\r\f\u00a0]*\n")
    for piece in chars:
        buf += piece
        while True:
            m = sep.search(buf)
            if m:
                cut, nxt = m.start(), m.end()
            elif len(buf) > MAX_BLOCK_CHARS:
                cut = buf.rfind("\n", 0, MAX_BLOCK_CHARS)
                if cut <= 0:
                    cut = buf.rfind(" ", 0, MAX_BLOCK_CHARS)
                if cut <= 0:
                    cut = MAX_BLOCK_CHARS
                nxt = cut
            else:
                break
            yield base, buf[:cut]
            base += nxt
            buf = buf[nxt:]
    if buf:
        yield base, buf


_MD_INLINE = re.compile(
    r"!\[([^\]]*)\]\([^)]*\)"          # image: keep alt text
    r"|\[([^\]]+)\]\([^)]*\)"          # link: keep link text
    r"|(\*\*|__|\*|_|`)(?=\S)"         # emphasis / code openers
    r"|(?<=\S)(\*\*|__|\*|_|`)"        # closers
)


def _clean_markdown(base: int, raw: str) -> tuple[str, list[int]]:
    out: list[str] = []
    offs: list[int] = []
    for line_m in re.finditer(r"[^\n]*\n?", raw):
        line = line_m.group(0)
        if not line:
            continue
        lo = line_m.start()
        prefix = re.match(r"\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)?", line)
        i = prefix.end() if prefix else 0
        if re.fullmatch(r"\s*([-*_]\s*){3,}\n?", line) or re.match(r"\s*```", line):
            continue
        pos = i
        for m in _MD_INLINE.finditer(line, i):
            for j in range(pos, m.start()):
                out.append(line[j]); offs.append(base + lo + j)
            keep = m.group(1) if m.group(1) is not None else m.group(2)
            if keep is not None:
                start = m.start() + (2 if m.group(0).startswith("!") else 1)
                for j, ch in enumerate(keep):
                    out.append(ch); offs.append(base + lo + start + j)
            pos = m.end()
        for j in range(pos, len(line)):
            ch = line[j]
            if ch == "\n":
                ch = " "
            out.append(ch); offs.append(base + lo + j)
    return "".join(out), offs


def _plain(base: int, raw: str) -> tuple[str, list[int]]:
    return raw, list(range(base, base + len(raw)))


_QUOTES = re.compile(r"[\"“”«»„]")


def _blocks_from_paragraphs(paragraphs: Iterator[tuple[int, str]], clean) -> Iterator[Block]:
    """Clean each paragraph; a paragraph whose double quotes do not balance is joined to the next one, as
    bibliographic titles are sometimes broken over a paragraph break (bounded by MAX_BLOCK_CHARS)."""
    pending: tuple[int, str] | None = None
    first = True
    for base, raw in paragraphs:
        if first:
            first = False
            title = re.match(r"[ \t]*([^\n]{1,150}?)[ \t]*\n(?=[^\n]{151,})", raw)
            if title and not re.search(r"[.,;:!?]$", title.group(1)):
                # a title line with the text right under it: a block of its own, as after a blank line
                block = _make_block(base, raw[:title.end(1)], clean)
                if block:
                    yield block
                base, raw = base + title.end(), raw[title.end():]
        if pending is not None:
            pbase, praw = pending
            raw = praw + "\n" * (base - pbase - len(praw)) + raw
            base = pbase
            pending = None
        if len(_QUOTES.findall(raw)) % 2 == 1 and len(raw) < MAX_BLOCK_CHARS // 2:
            pending = (base, raw)
            continue
        for sub_base, sub_raw in _list_items(base, raw):
            block = _make_block(sub_base, sub_raw, clean)
            if block:
                yield block
    if pending is not None:
        block = _make_block(pending[0], pending[1], clean)
        if block:
            yield block


# the number of a note: "12", or in superscript digits ("³")
NOTE_NUMBER = r"(?:\d{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3})"
_ITEM = re.compile(rf"[ \t]*(?:{NOTE_NUMBER}[.)]?|\[\d{{1,3}}\]|[-–•*])[ \t]+\S"   # "1. ...", "³ ...", "[1] ..."
                   r"|[ \t]*[A-Z][^:\n]{0,60}:[ \t]+\S"                   # "Extent: 1,247 files"
                   # "Ivanov, S. P. (1993). Title. ...", "Kudō, Michio (2005). ...": an author-date reference
                   r"|[ \t]*[A-ZÀ-ÖØ-ÞĀĒĪŌŪ][\w’'-]+,[ \t]+(?:(?:[A-Z]\.[ \t]?)+|[A-Z][\w’'-]+)[^\n]{0,80}?"
                   r"\((?:1[89]|20)\d\d[a-z]?\)")


# a year, or a span of years, alone on a line: a chronology's heading ("1946", "1991-1992")
YEAR_HEADING = re.compile(r"(?P<year>(?:1[89]|20)\d\d)(?P<to>\s*[–-]\s*(?:1[89]|20)?\d\d)?")


def _list_items(base: int, raw: str) -> list[tuple[int, str]]:
    """A paragraph of numbered lines (a list of notes, "1. ... 2. ...", "[1] ... [2] ...") or of fields
    ("Repository: ...", "Extent: ...") or bullets ("- 19 October: ..."), under a heading line and with year
    headings among them (a chronology), is one block per line: each is a unit of its own, as when they are
    separated by blank lines."""
    lines = [(m.start(), m.group(0)) for m in re.finditer(r"[^\n]+", raw)]
    numbered = {i for i, (_s, line) in enumerate(lines) if _ITEM.match(line)}
    headings = {i for i, (_s, line) in enumerate(lines) if YEAR_HEADING.fullmatch(line.strip())}   # "1946"
    # one numbered note under its heading ("References" then "1. Sadykova, A. (2012). ...") is one too
    single_note = len(lines) == 2 and re.match(r"[ \t]*(?:\d{1,3}[.)]|\[\d{1,3}\])[ \t]+\S", lines[1][1])
    if len(numbered) < 2 and not single_note or \
            any(i not in numbered and i not in headings for i in range(1, len(lines))):
        return [(base, raw)]
    return [(base + start, line) for start, line in lines]


def _make_block(base: int, raw: str, clean) -> Block | None:
    if clean is _plain:
        lead = len(raw) - len(raw.lstrip())
        text = raw.strip()
        if not text:
            return None
        start = base + lead
        return Block(text, range(start, start + len(text)), range(start + 1, start + len(text) + 1), text)
    text, offs = clean(base, raw)
    lead = len(text) - len(text.lstrip())
    trail = len(text.rstrip())
    if trail <= lead:
        return None
    text, offs = text[lead:trail], offs[lead:trail]
    ends = tuple(o + 1 for o in offs)
    return Block(text, tuple(offs), ends, raw[offs[0] - base:ends[-1] - base])


class _HTMLText(HTMLParser):
    """Collects visible text with original offsets. Skipped: what is not text (script, style, template, svg,
    iframe, object, noscript, head) and page chrome around an article (nav, aside, footer, form, button)."""

    SKIP = {"script", "style", "template", "noscript", "head", "svg", "iframe", "object", "nav", "aside", "footer",
            "form", "button", "select"}
    BLOCK = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "td", "th", "table",
             "section", "article", "blockquote", "header", "footer", "nav", "aside", "main", "figure",
             "figcaption", "pre", "hr", "dd", "dt", "dl", "title", "body", "html"}

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.skip_depth = 0
        self.chars: list[str] = []
        self.offs: list[int] = []

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _emit(self, ch: str, off: int) -> None:
        if ch.isspace() and ch not in "\n\u00a0":
            ch = " "
        if ch in " \n" and (not self.chars or self.chars[-1] in " \n"):
            if ch == "\n" and self.chars and self.chars[-1] == " ":
                self.chars[-1] = "\n"
            return
        self.chars.append(ch)
        self.offs.append(off)

    def _break(self) -> None:
        pos = self._pos()
        if self.chars and self.chars[-1] != "\n":
            if self.chars[-1] == " ":
                self.chars.pop(); self.offs.pop()
            self.chars.append("\n"); self.offs.append(pos)
            self.chars.append("\n"); self.offs.append(pos)
        elif self.chars and len(self.chars) > 1 and self.chars[-2] != "\n":
            self.chars.append("\n"); self.offs.append(pos)

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip_depth += 1
        elif tag in self.BLOCK:
            self._break()

    def handle_startendtag(self, tag, attrs):
        if tag in self.BLOCK and tag not in self.SKIP:
            self._break()

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in self.BLOCK:
            self._break()

    def handle_data(self, data):
        if self.skip_depth:
            return
        start = self._pos()
        for i, ch in enumerate(data):
            self._emit(ch, start + i)

    def _ref(self, text: str) -> None:
        if self.skip_depth:
            return
        pos = self._pos()
        for ch in unescape(text):
            self._emit(ch, pos)

    def handle_entityref(self, name):
        self._ref(f"&{name};")

    def handle_charref(self, name):
        self._ref(f"&#{name};")


def _html_blocks(path: Path) -> Iterator[Block]:
    size = path.stat().st_size
    if size > MAX_HTML_BYTES:
        raise problem(path, None, f"the HTML file is {size} bytes, above the {MAX_HTML_BYTES}-byte limit",
                       "convert it to plain text first (e.g. `pandoc -t plain`), which is read as a stream")
    source = "".join(read_chars(path))
    parser = _HTMLText(source)
    parser.feed(source)
    parser.close()
    text = "".join(parser.chars)
    for m in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text):
        seg = m.group(0)
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg.rstrip())
        if trail <= lead:
            continue
        starts = tuple(parser.offs[m.start() + lead:m.start() + trail])
        ends = tuple(_entity_end(source, o) for o in starts)
        yield Block(seg[lead:trail], starts, ends, source[starts[0]:ends[-1]])


def read_blocks(path: Path, fmt: str | None = None) -> Iterator[Block]:
    """The clean paragraphs of an article, in order. Raises InputError for what `check_file` refuses and for
    binary or non-UTF-8 files."""
    path = Path(path)
    check_file(path)
    with path.open("rb") as f:
        head_bytes = f.read(8192)
    check_head(path, head_bytes)
    fmt = fmt or detect_format(path, head_bytes.decode("utf-8", "ignore"))
    if fmt == "html":
        blocks = _html_blocks(path)
    else:
        clean = _clean_markdown if fmt == "markdown" else _plain
        blocks = _blocks_from_paragraphs(_raw_paragraphs(read_chars(path)), clean)
    any_block = False
    for b in blocks:
        any_block = True
        yield b
    if not any_block:
        raise problem(path, None, "the file has no text (only whitespace or markup)", "give an article with some text")
