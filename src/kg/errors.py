"""Errors a user can act on: each names the file, line and column, says what is wrong and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    file: Path | str
    line: int | None
    column: str | None
    message: str
    fix: str

    def __str__(self) -> str:
        where = str(self.file)
        if self.line is not None:
            where += f":{self.line}"
        if self.column:
            where += f" (column '{self.column}')"
        return f"{where}: {self.message}. Fix: {self.fix}"


class InputError(Exception):
    """One or more problems in the input; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class ExtractorFault(Exception):
    """A fault of the extractor itself (not of the input) while reading a passage: where, and what failed, so
    that a user can report it; nothing was written."""

    def __init__(self, file: Path | str, start: int, end: int, cause: BaseException) -> None:
        self.file, self.start, self.end, self.cause = file, start, end, cause
        super().__init__(f"{file}, characters {start}-{end}: the text extractor failed ({type(cause).__name__}: "
                         f"{cause}). This is a fault of the extractor, not of the text: please report it with this "
                         f"line")
