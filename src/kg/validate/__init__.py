"""Validation of a built graph: SHACL shapes plus the structural rules of the evidence model.

Three SHACL engines give one report format (`run.ENGINES`, `kg build/validate --engine`):
- `sparql` (the default, `validate.sparql`): each constraint as a SPARQL query over the store, evaluated on disk, so
  memory stays flat at any size; a shape it cannot translate goes to pyshacl-turbo, so the report stays complete;
- `turbo`: pyshacl-turbo (Rust), which copies the graph into memory;
- `pyshacl`: pySHACL, the reference the other two are tested against (tests/test_validate_scale.py).
`structure` adds the rules of the evidence model that SHACL does not say (checks/*.rq).
"""

from kg.validate.report import Report, Violation
from kg.validate.run import validate_store

__all__ = ["Report", "Violation", "validate_store"]
