"""Partial dates at the precision written: a year (`xsd:gYear`), a year and month (`xsd:gYearMonth`) or a day
(`xsd:date`), in ISO form (`1947`, `1947-04`, `1947-04-03`). One rule for tables, text and the API: the form
must match and the date must exist in the calendar, so `1947-13` and `1947-02-30` are not dates."""

from __future__ import annotations

import re
from datetime import date

from pyoxigraph import Literal

from kg.vocab import XSD

ISO_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
DATATYPES = ("gYear", "gYearMonth", "date")  # by the number of parts after the year
HOW_TO_WRITE = "write a year, a month or a day as YYYY, YYYY-MM or YYYY-MM-DD"


def datatype(text: str) -> str | None:
    """The xsd local name of a partial ISO date at the precision written; None if it is not a real date."""
    match = _ISO.match(text)
    if match is None:
        return None
    year, month, day = match.groups()
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    return DATATYPES[(month is not None) + (day is not None)]


def literal(text: str) -> Literal | None:
    """'1947' -> "1947"^^xsd:gYear, '1947-04' -> xsd:gYearMonth, '1947-04-03' -> xsd:date; None if not a date."""
    local = datatype(text)
    return Literal(text, datatype=XSD[local]) if local else None
