"""Query evaluation in worker processes that the server can kill.

pyoxigraph cannot interrupt a running query and holds the GIL while it evaluates, so a thread cannot be
stopped and a runaway query would burn CPU and memory long after its client got an error. Each query runs in a
worker process of its own (`worker`) over a read-only open of the store; the web process (`supervisor`) hands
it one job at a time over a socket (`frames`), streams back its bytes, and kills the process when the job
passes its deadline, its memory ceiling or its client goes away. A killed worker costs only its own request.
"""
