"""Point-lookup load for tests/test_serve_runaway.py, run as its own process so that the test process's own
threads and GIL do not show in the latencies: `python tests/lookup_load.py URL QUERY SECONDS CLIENTS` prints
one JSON object: latencies of the answered lookups (s), admission refusals, other failures."""

from __future__ import annotations

import http.client
import json
import sys
import threading
import time
import urllib.parse


def main() -> None:
    url, query, seconds, clients = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
    parts = urllib.parse.urlsplit(url)
    path = parts.path.rstrip("/") + "/sparql?" + urllib.parse.urlencode({"query": query})
    stop_at = time.monotonic() + seconds
    latencies: list[float] = []
    failures: list[str] = []
    admission = 0
    lock = threading.Lock()

    def client(number: int) -> None:
        """One client (its own address, as behind a gateway) on one keep-alive connection."""
        nonlocal admission
        headers = {"X-Forwarded-For": f"10.0.0.{number}", "Accept": "application/sparql-results+json"}
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        try:
            while time.monotonic() < stop_at:
                started = time.monotonic()
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                body = response.read()
                took = time.monotonic() - started
                with lock:
                    if response.status == 200:
                        latencies.append(took)
                    elif response.status == 503 and response.getheader("Retry-After"):
                        admission += 1
                    else:
                        failures.append(f"{response.status} {body[:100]!r}")
        finally:
            connection.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    json.dump({"latencies": latencies, "admission": admission, "failures": failures}, sys.stdout)


if __name__ == "__main__":
    main()
