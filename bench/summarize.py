"""Read the `/usr/bin/time -v` files of a bench/out/N folder and print wall time and peak RSS, median per step."""

import re
import statistics
import sys
from pathlib import Path


def parse(path: Path) -> tuple[float, float] | None:
    text = path.read_text()
    found = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text)
    if found is None:
        return None  # still running
    wall = found.group(1)
    seconds = 0.0
    for part in wall.split(":"):
        seconds = seconds * 60 + float(part)
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    return seconds, rss_kb / 1024 / 1024


def main() -> None:
    out = Path(sys.argv[1])
    steps: dict[str, list[tuple[float, float]]] = {}
    for f in sorted(out.glob("*.time")):
        if (run := parse(f)) is not None:
            steps.setdefault(f.name.split(".")[0], []).append(run)
    for step, runs in steps.items():
        wall = statistics.median(r[0] for r in runs)
        rss = statistics.median(r[1] for r in runs)
        print(f"{out.name:>8} {step:<10} runs={len(runs)} median wall={wall:8.1f} s  peak RSS={rss:6.2f} GiB")


if __name__ == "__main__":
    main()
