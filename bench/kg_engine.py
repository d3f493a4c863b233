"""`kg build` / `kg validate --store` with a chosen SHACL engine: the code path of `kg build --engine ENGINE`
(kg.build.build and kg.validate.validate_store), kept so that the commands recorded in bench/results.md run.

Usage: python bench/kg_engine.py build ENGINE STORE DATA_DIR [DATA_DIR ...]
       python bench/kg_engine.py validate ENGINE STORE
"""

import sys
import time
from pathlib import Path

import kg.build
from kg.build import build
from kg.config import Settings
from kg.store.embedded import open_store
from kg.validate import validate_store


def timed(validate):  # reports the validation step of a build on its own line
    def run(*args, **kwargs):
        start = time.monotonic()
        report = validate(*args, **kwargs)
        print(f"validation inside the build: {time.monotonic() - start:.1f} s", file=sys.stderr, flush=True)
        return report
    return run


command, engine, store = sys.argv[1], sys.argv[2], Path(sys.argv[3])
if command == "build":
    kg.build.validate_store = timed(kg.build.validate_store)
    print(build(Settings(), [Path(d) for d in sys.argv[4:]], store, engine=engine, quiet=False).format())
else:
    start = time.monotonic()
    report = validate_store(open_store(store), Settings(), engine=engine)
    print(report.format()[:2000])
    print(f"validated with {engine} in {time.monotonic() - start:.1f} s")
    sys.exit(0 if report.conforms else 1)
