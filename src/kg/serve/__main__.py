"""`python -m kg.serve [--store PATH] [--host H] [--port P] [--workers N]` (what `kg serve` calls)."""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.config import Settings
from kg.serve import run


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m kg.serve", description=__doc__)
    parser.add_argument("--store", type=Path, help="built store directory (default: KG_STORE or ./store)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    run(Settings().with_(store_path=args.store), args.host, args.port, args.workers)


if __name__ == "__main__":
    main()
