"""What the server refuses before any parser sees it: deep nesting, huge literals, SERVICE and LOAD targets.

The store's parsers recurse: a query nested a few thousand groups deep, or a JSON-LD body nested ten thousand
arrays deep, overflows their stack and takes the process down. A 20 MB string literal in a query cost a worker
3.5 GB. And `SERVICE <url>` or `LOAD <url>` make the server fetch any address it can reach on a client's
behalf (server-side request forgery). So the text is scanned first (strings, IRIs and comments skipped, with
the one SPARQL tokeniser of `kg.sparql_text`) and refused with a 4xx and its reason. Request size itself is
capped earlier, by `guard`.

`SERVICE` is off unless its host is allowed (`KG_SERVICE_ALLOW`, comma-separated host names or host:port);
`LOAD` (an update, so behind the token too) only from http(s) URLs whose host is allowed (`KG_LOAD_ALLOW`).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from kg.serve.limits import ServeLimits
from kg.sparql_text import tokens


class Refused(ValueError):
    """A request the server will not run: `status` 400 (malformed or over a limit) or 403 (not allowed)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _hosts(name: str) -> frozenset[str]:
    return frozenset(h.strip().lower() for h in os.environ.get(name, "").split(",") if h.strip())


@dataclass(frozen=True)
class InputPolicy:
    """The caps on nesting and literal size (`ServeLimits`), and the hosts SERVICE and LOAD may reach."""

    limits: ServeLimits = field(default_factory=ServeLimits)
    service_allow: frozenset[str] = field(default_factory=lambda: _hosts("KG_SERVICE_ALLOW"))
    load_allow: frozenset[str] = field(default_factory=lambda: _hosts("KG_LOAD_ALLOW"))

    @property
    def max_nesting(self) -> int:
        return self.limits.max_nesting

    @property
    def max_literal_bytes(self) -> int:
        return self.limits.max_literal_bytes

    def allows(self, allowed: frozenset[str], url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return False
        host = parts.hostname.lower()
        return host in allowed or (parts.port is not None and f"{host}:{parts.port}" in allowed)


@dataclass
class _Scan:
    depth: int = 0
    deepest: int = 0
    longest_literal: int = 0
    targets: list[tuple[str, str]] = field(default_factory=list)  # (keyword, IRI or variable) of SERVICE / LOAD


def _scan(text: str, base_iri: str | None) -> _Scan:
    scan = _Scan()
    prefixes: dict[str, str] = {}
    pending: str | None = None  # SERVICE or LOAD waiting for its target
    declaring: str | None = None  # a PREFIX waiting for its IRI
    previous = ""
    for kind, token in tokens(text):
        if kind in ("open", "open_other"):
            scan.depth += 1
            scan.deepest = max(scan.deepest, scan.depth)
        elif kind in ("close", "close_other"):
            scan.depth -= 1
        elif kind == "string":
            scan.longest_literal = max(scan.longest_literal, len(token.encode()))
        if kind == "comment":
            continue
        upper = token.upper() if kind == "word" else ""
        if previous == "PREFIX" and kind == "word" and token.endswith(":"):
            declaring = token[:-1]
        elif declaring is not None and kind == "iri":
            prefixes[declaring] = token[1:-1]
            declaring = None
        elif upper in ("SERVICE", "LOAD"):
            pending = upper
        elif pending is not None and upper == "SILENT":
            pass
        elif pending is not None:
            if kind == "iri":
                target = urljoin(base_iri, token[1:-1]) if base_iri else token[1:-1]
            elif kind == "word" and ":" in token:
                prefix, _, local = token.partition(":")
                target = prefixes.get(prefix, token) + local if prefix in prefixes else token
            else:
                target = token  # a variable: cannot be checked before it runs
            scan.targets.append((pending, target))
            pending = None
        previous = upper
    return scan


def _check_sizes(scan: _Scan, policy: InputPolicy) -> None:
    if scan.deepest > policy.max_nesting:
        raise Refused(400, f"the request nests groups, lists or brackets {scan.deepest} deep; this server accepts at "
                           f"most {policy.max_nesting} (KG_MAX_NESTING)")
    if scan.longest_literal > policy.max_literal_bytes:
        raise Refused(400, f"the request has a string literal of {scan.longest_literal:,} bytes; this server accepts "
                           f"at most {policy.max_literal_bytes:,} (KG_MAX_LITERAL_BYTES)")


def check_query(text: str, policy: InputPolicy, base_iri: str | None = None) -> None:
    """Refuse a query over the size limits or with a SERVICE call to a host that is not allowed."""
    scan = _scan(text, base_iri)
    _check_sizes(scan, policy)
    for keyword, target in scan.targets:
        if keyword == "SERVICE" and not policy.allows(policy.service_allow, target):
            raise Refused(403, f"SERVICE {target} is not allowed on this server: federated queries are off except to "
                               "the hosts the operator lists in KG_SERVICE_ALLOW")


def check_update(text: str, policy: InputPolicy, base_iri: str | None = None) -> None:
    """Refuse an update over the size limits, with a disallowed SERVICE, or a LOAD from a disallowed URL
    (never a file: URL)."""
    scan = _scan(text, base_iri)
    _check_sizes(scan, policy)
    for keyword, target in scan.targets:
        allowed = policy.load_allow if keyword == "LOAD" else policy.service_allow
        if not policy.allows(allowed, target):
            setting = "KG_LOAD_ALLOW" if keyword == "LOAD" else "KG_SERVICE_ALLOW"
            raise Refused(403, f"{keyword} {target} is not allowed on this server: only http(s) URLs of the hosts "
                               f"the operator lists in {setting}")


_JSON_TOKEN = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[{]|[\]}]', re.DOTALL)


def check_rdf(data: bytes, media_type: str, policy: InputPolicy) -> None:
    """Refuse an RDF payload nested deeper than the limit (JSON-LD arrays/objects; Turtle-family lists and
    blank-node brackets), before the parser recurses into it."""
    deepest = depth = 0
    if "json" in media_type:
        for match in _JSON_TOKEN.finditer(data):
            token = match.group()
            if token in (b"[", b"{"):
                depth += 1
                deepest = max(deepest, depth)
            elif token in (b"]", b"}"):
                depth -= 1
    elif "xml" not in media_type:
        for kind, _ in tokens(data.decode("utf-8", errors="replace")):
            if kind in ("open", "open_other"):
                depth += 1
                deepest = max(deepest, depth)
            elif kind in ("close", "close_other"):
                depth -= 1
    if deepest > policy.max_nesting:
        raise Refused(400, f"the RDF payload nests {deepest} deep; this server accepts at most {policy.max_nesting} "
                           "(KG_MAX_NESTING)")
