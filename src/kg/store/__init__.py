"""Where the graph lives. `embedded` (pyoxigraph on disk) is the default."""
