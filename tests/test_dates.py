"""One partial-date rule (kg.dates) for tables, text and the API. Before it was one module, the API typed a
value by counting its dashes ('1947-13' became a gYearMonth), the text reader by its length, and only the
tables checked the calendar."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal

from kg import dates
from kg.extract.text.spans import dates as text_dates
from kg.serve.api import to_term
from kg.serve.saved_queries import Param
from kg.vocab import XSD

DATE_PARAM = Param("when", "date", None, "a date")


@pytest.mark.parametrize("text, datatype", [
    ("1947", "gYear"), ("1947-04", "gYearMonth"), ("1947-04-03", "date"), ("1948-02-29", "date"),
    ("1947-13", None), ("1947-00", None), ("1947-02-29", None), ("1947-04-31", None), ("0000", None),
    ("47", None), ("1947-4", None), ("1947-04-03T00:00", None), ("1947/04", None), (" 1947", None), ("", None),
])
def test_a_partial_date_is_typed_at_its_precision_only_when_it_exists(text: str, datatype: str | None) -> None:
    assert dates.datatype(text) == datatype
    assert dates.literal(text) == (Literal(text, datatype=XSD[datatype]) if datatype else None)


@pytest.mark.parametrize("text", ["1947-13", "1947-02-30", "1947-1-1", "spring 1947"])
def test_the_api_refuses_what_is_not_a_date(text: str) -> None:
    """A 422 with this reason at /api/queries/NAME (the route turns the ValueError into one)."""
    with pytest.raises(ValueError, match="YYYY, YYYY-MM or YYYY-MM-DD"):
        to_term(DATE_PARAM, text, None)  # type: ignore[arg-type]


def test_the_api_types_a_date_as_the_tables_do() -> None:
    for text in ("1947", "1947-04", "1947-04-03"):
        assert to_term(DATE_PARAM, text, None) == dates.literal(text)  # type: ignore[arg-type]


def test_text_reads_only_days_that_exist() -> None:
    """An impossible day is not typed as xsd:date; the month and year it names still are."""
    found = {d.value for d in text_dates("They left on 31 February 1946 and arrived on 3 April 1947.")}
    assert found == {"1946-02", "1947-04-03"}


def test_text_reads_a_span_of_months_or_days_as_one_interval_at_the_precision_written() -> None:
    def spans(text: str) -> list[tuple[str, str]]:
        return [(d.value, d.kind) for d in text_dates(text)]
    assert spans("It was in operation from October 1945 to June 1949.") == [("1945-10/1949-06", "range")]
    assert spans("Covering dates: November 1945 – March 1950.") == [("1945-11/1950-03", "range")]
    assert spans("The exhibition (15 July – 30 September 2006)") == [("2006-07-15/2006-09-30", "range")]
    # two dates joined by "and" without "between" are two dates
    assert spans("in March 1946 and June 1947") == [("1946-03", "point"), ("1947-06", "point")]
