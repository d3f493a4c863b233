"""Speed of the text extractor (issue 11): wall time and peak RSS of `kg extract FILE --format trig -o OUT`.

Usage: python bench/text_speed.py [--runs 3] [--big-runs 1] [--bytes 1000000] [--timeout 600] [--check]

Every run is a fresh process of the real CLI (so each one loads the spaCy model: "cold" as a user sees it; the
OS file cache is warm after the first). Measured per run with os.wait4 (wall clock around the child, peak RSS =
the child's ru_maxrss). Rows:

- model load: `python -c` importing the extractor and loading the spaCy pipeline, nothing extracted (the floor);
- dev article: the shared dev article (`../shared/sources/katasonova-in-search-of-historical-truth.txt`), median
  of --runs runs; target <= 5 s wall including model load;
- ~1 MB: a text of --bytes bytes built here from the paragraphs of the dev article and the invented fixtures
  `tests/fixtures/text/{spassk,nakhodka,karaganda}.txt`, shuffled anew for each repetition (seeded), written to a
  temporary directory that is deleted at the end (the shared article's sentences never land in the repository);
  target <= 60 s wall.

--check: exit 1 if a target is missed (or a run fails). Needs nothing beyond the project's venv.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV_ARTICLE = ROOT.parent / "shared" / "sources" / "katasonova-in-search-of-historical-truth.txt"
FIXTURES = [ROOT / "tests" / "fixtures" / "text" / f"{name}.txt" for name in ("spassk", "nakhodka", "karaganda")]
DEV_TARGET_S = 5.0
BIG_TARGET_S = 60.0


def kg_command() -> str:
    local = Path(sys.executable).parent / "kg"
    found = str(local) if local.exists() else shutil.which("kg")
    if found is None:
        sys.exit("no `kg` command: activate the project's venv (pip install -e .)")
    return found


def measure(cmd: list[str], timeout: float) -> tuple[float, float, int | None]:
    """Wall seconds, peak RSS in MiB and exit status (None: killed at the timeout) of one child process."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT,
                            start_new_session=True)
    deadline = start + timeout
    status: int | None = None
    while True:
        pid, raw, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            wall = time.monotonic() - start
            status = os.waitstatus_to_exitcode(raw)
            break
        if time.monotonic() > deadline:
            os.killpg(proc.pid, signal.SIGKILL)
            _, raw, usage = os.wait4(proc.pid, 0)
            wall = time.monotonic() - start
            break
        time.sleep(0.02)
    proc.returncode = status if status is not None else -9   # reaped here, not by Popen
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if status:
        print(f"  run failed ({status}): {' '.join(cmd)}\n{err[-2000:]}", file=sys.stderr)
    return wall, usage.ru_maxrss / 1024, status


def quad_count(path: Path) -> int | None:
    try:
        from pyoxigraph import RdfFormat, parse
        return sum(1 for _ in parse(path=str(path), format=RdfFormat.TRIG))
    except Exception:   # noqa: BLE001  (a count is a nicety; the timing stands without it)
        return None


def paragraphs(path: Path) -> list[str]:
    return [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]


def big_text(size: int, seed: int = 11) -> str:
    """At least `size` bytes of UTF-8: the sources' paragraphs, reshuffled for every repetition."""
    pool = [p for src in [DEV_ARTICLE, *FIXTURES] for p in paragraphs(src)]
    rng = random.Random(seed)
    out: list[str] = []
    total = 0
    while total < size:
        order = pool[:]
        rng.shuffle(order)
        for p in order:
            out.append(p)
            total += len(p.encode("utf-8")) + 2
            if total >= size:
                break
    return "\n\n".join(out) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3, help="runs on the dev article (median)")
    ap.add_argument("--big-runs", type=int, default=1, help="runs on the ~1 MB text (median)")
    ap.add_argument("--bytes", type=int, default=1_000_000, help="size of the built text")
    ap.add_argument("--timeout", type=float, default=600, help="seconds before a run is killed (counts as missed)")
    ap.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    args = ap.parse_args()

    for src in [DEV_ARTICLE, *FIXTURES]:
        if not src.exists():
            sys.exit(f"missing source text: {src}")
    kg = kg_command()
    rows: list[tuple[str, int, float, float, list[float], int | None, float | None, bool | None]] = []
    ok = True

    with tempfile.TemporaryDirectory(prefix="kg-text-speed-") as tmp:
        tmpdir = Path(tmp)

        def series(label: str, cmd: list[str], runs: int, nbytes: int, out: Path | None,
                   target: float | None) -> None:
            nonlocal ok
            walls, rsss, failed = [], [], False
            for i in range(runs):
                wall, rss, status = measure(cmd, args.timeout)
                print(f"  {label} run {i + 1}/{runs}: {wall:.2f} s, {rss:.0f} MiB"
                      + ("" if status == 0 else " (killed at timeout)" if status is None else f" (exit {status})"),
                      file=sys.stderr, flush=True)
                walls.append(wall)
                rsss.append(rss)
                failed |= status != 0
            med = statistics.median(walls)
            met = None if target is None else (not failed and med <= target)
            ok &= not failed and met is not False
            quads = quad_count(out) if out is not None and not failed else None
            rows.append((label, nbytes, med, max(rsss), walls, quads, target, met))

        series("model load only", [sys.executable, "-c",
                                   "import kg.extract.text; from kg.extract.text.parse import pipeline; pipeline()"],
               1, 0, None, None)

        out = tmpdir / "dev.trig"
        series("dev article", [kg, "extract", str(DEV_ARTICLE), "--format", "trig", "-o", str(out)],
               args.runs, DEV_ARTICLE.stat().st_size, out, DEV_TARGET_S)

        big = tmpdir / "one-megabyte.txt"
        big.write_text(big_text(args.bytes), encoding="utf-8")
        out = tmpdir / "big.trig"
        series(f"~{args.bytes / 1e6:g} MB mix", [kg, "extract", str(big), "--format", "trig", "-o", str(out)],
               args.big_runs, big.stat().st_size, out, BIG_TARGET_S)

    code = subprocess.run([sys.executable, "-c", "import kg, pathlib; print(pathlib.Path(kg.__file__).parent)"],
                          cwd=ROOT, capture_output=True, text=True, check=False).stdout.strip()
    print(f"\nkg extract --format trig, fresh process per run ({os.cpu_count()} CPUs, package {code})\n")
    print("| input | bytes | runs | median wall | runs (s) | peak RSS | quads | KB/s | target |")
    print("|---|---|---|---|---|---|---|---|---|")
    for label, nbytes, med, rss, walls, quads, target, met in rows:
        rate = f"{nbytes / 1000 / med:.1f}" if nbytes else ""
        verdict = "" if target is None else f"<= {target:g} s: **{'met' if met else 'MISSED'}**"
        print(f"| {label} | {nbytes or ''} | {len(walls)} | {med:.2f} s | {' / '.join(f'{w:.2f}' for w in walls)} "
              f"| {rss:.0f} MiB | {'' if quads is None else quads} | {rate} | {verdict} |")
    print(f"\ntargets (issue 11): dev article <= {DEV_TARGET_S:g} s wall including model load; "
          f"1 MB of text <= {BIG_TARGET_S:g} s")
    return 1 if args.check and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
