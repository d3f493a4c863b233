#!/usr/bin/env bash
# Install the SPARQL servers the remote-store tests start on 127.0.0.1 (tests/stores.py):
#   oxigraph serve      — PyPI package `oxigraph` (also in the test extras of pyproject.toml)
#   virtuoso-t, isql-vt — Debian package `virtuoso-opensource` (7.2)
# The tests start and stop the servers themselves; this script only installs them. Under CI=true a missing
# server program fails the tests instead of skipping them.
set -euo pipefail

command -v oxigraph >/dev/null || pip install -q 'oxigraph>=0.5,<0.6'
if ! command -v virtuoso-t >/dev/null || ! command -v isql-vt >/dev/null; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q virtuoso-opensource
  # the package starts a system-wide server on ports 1111/8890; the tests run their own, so stop it
  (service virtuoso-opensource-7 stop || true) >/dev/null 2>&1
fi
oxigraph --version
virtuoso-t -? 2>&1 | head -1 || true
