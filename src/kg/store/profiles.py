"""Per-store profiles: how one SPARQL service differs from the W3C recommendations, as data.

Every difference the remote store copes with is a field here, set in `profiles/<name>.yaml`; the code in
`kg.store.remote` reads the fields and has no `if virtuoso` anywhere. A new store gets a new YAML file.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Literal

from kg import yamlfile


PROFILE_DIR = Path(__file__).with_name("profiles")


@dataclass(frozen=True)
class Profile:
    """What a store does where the standards leave room, or where it departs from them."""

    name: str
    description: str
    #: prefix of the `Server:` response header that identifies the store (automatic profile choice)
    server_header: str | None
    #: how queries are sent: `form` (POST urlencoded), `direct` (POST application/sparql-query) or `get`
    query_method: Literal["form", "direct", "get"]
    #: how a query without FROM sees the union of the named graphs (the design's default graph):
    #: `native` — it does already; `param` — only when the query parameter `union_param` is sent
    union_default_graph: Literal["native", "param"]
    union_param: str | None
    #: named graphs can exist while empty, so graphs emptied by DELETE must be DROPped by name too
    keeps_empty_graphs: bool
    #: how many upload requests may be in flight at once
    parallel_writes: int
    #: one SPARQL Update request is applied all or nothing (then the build switch is atomic)
    atomic_update: bool
    #: result media types the store serialises wrongly: kg asks for SPARQL JSON instead and converts
    convert_formats: list[str]
    #: ASK results come as a SELECT result (a row means true): kg converts them to the W3C boolean form
    ask_as_rows: bool
    #: response header announcing that a SELECT result was cut at the store's row limit
    row_cap_header: str | None
    #: the store's silent row limit for graph results (CONSTRUCT, GSP GET); None: no limit
    max_rows: int | None

    def with_max_rows(self, value: int | None) -> "Profile":
        return self if value is None else replace(self, max_rows=value)


class ProfileError(ValueError):
    pass


def names() -> list[str]:
    return sorted(p.stem for p in PROFILE_DIR.glob("*.yaml"))


def load(name: str) -> Profile:
    """The profile `profiles/<name>.yaml`; a clear error for an unknown name or a malformed file."""
    path = PROFILE_DIR / f"{name}.yaml"
    if not path.is_file():
        raise ProfileError(f"unknown store profile {name!r}; known: {', '.join(names())} "
                           f"(set KG_STORE_PROFILE or --store-profile, or add {PROFILE_DIR}/{name}.yaml)")
    data = yamlfile.load(path.read_text(encoding="utf-8")) or {}
    expected = {f.name for f in fields(Profile)}
    missing, unknown = expected - set(data), set(data) - expected
    if missing or unknown:
        raise ProfileError(f"{path}: missing fields {sorted(missing)}, unknown fields {sorted(unknown)}; "
                           f"every field of kg.store.profiles.Profile must be set")
    profile = Profile(**data)
    if profile.union_default_graph == "param" and not profile.union_param:
        raise ProfileError(f"{path}: union_default_graph: param needs union_param")
    if profile.query_method not in ("form", "direct", "get"):
        raise ProfileError(f"{path}: query_method must be form, direct or get, not {profile.query_method!r}")
    return profile


def detect(server_header: str | None) -> Profile:
    """The profile whose `server_header` prefixes the store's `Server:` header, else `generic`."""
    if server_header:
        for name in names():
            profile = load(name)
            if profile.server_header and server_header.lower().startswith(profile.server_header.lower()):
                return profile
    return load("generic")
