"""Sample the resident memory of a process and its children every 0.1 s until it exits or SIGTERM.

Usage: python bench/rss.py PID OUT_FILE   (writes baseline, peak and growth in MiB when stopped)
"""

import os
import signal
import sys
import time
from pathlib import Path


def tree_rss_kib(pid: int) -> int:
    pids, total = [pid], 0
    while pids:
        p = pids.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS")))
            for t in os.listdir(f"/proc/{p}/task"):
                children = Path(f"/proc/{p}/task/{t}/children").read_text().split()
                pids += [int(c) for c in children]
        except (FileNotFoundError, ProcessLookupError, StopIteration):
            continue
    return total


def main() -> None:
    pid, out = int(sys.argv[1]), Path(sys.argv[2])
    baseline = peak = tree_rss_kib(pid)
    stop = False

    def handler(*_: object) -> None:
        nonlocal stop
        stop = True

    signal.signal(signal.SIGTERM, handler)
    while not stop and Path(f"/proc/{pid}").exists():
        peak = max(peak, tree_rss_kib(pid))
        time.sleep(0.1)
    out.write_text(f"baseline_mib={baseline / 1024:.0f} peak_mib={peak / 1024:.0f} growth_mib={(peak - baseline) / 1024:.0f}\n")


if __name__ == "__main__":
    main()
