"""Benchmark g (issue 14, item 4): the query files for search and suggest, and reconciliation as OpenRefine does it.

    python bench/search_speed.py queries REGISTRY OUTDIR [--seed 14]
        writes OUTDIR/search.txt and OUTDIR/suggest.txt (one URL path a line, URL-encoded, for bench/search_speed.lua)
        and OUTDIR/reconcile.json (1,000 names with the record each came from and its birth year)
    python bench/search_speed.py reconcile BASE_URL OUTDIR/reconcile.json
        maps each record to its graph person (jpow:recordOf, over /sparql), then reconciles the 1,000 names through
        BASE_URL/reconcile in 10 POSTed batches of 100 (form field `queries`), once without and once with a
        birthYear hint, and prints the wall-clock seconds and the share whose first (any) candidate is the right person

Names come from the synthetic registry of `kg synth --sources 3` with a fixed seed, in mixed scripts: the card
file's and the death list's Cyrillic, the Japanese list's kanji and kana reading, and that reading in Hepburn
without macrons (kg.names.romaji); a quarter of the search queries carry the birth year ("佐藤正雄 1927"); the
suggest queries are 3-4-character prefixes of other names (2-3 of a kanji name, often 3-4 characters in all)."""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from kg.names.romaji import hepburn

BASE = "https://w3id.org/jpow-kg/id/"
RECORD = BASE + "record/"
RECORD_OF = "https://w3id.org/jpow-kg/ontology#recordOf"
N_SEARCH, N_SUGGEST, N_RECONCILE, BATCH = 4000, 3000, 1000, 100


def names(registry: Path) -> list[tuple[str, str, str, str]]:
    """(name, script, record id, birth year) for every name written in the registry's three lists."""
    out = []

    def rows(file: str):
        with open(registry / file, newline="", encoding="utf-8") as f:
            yield from csv.DictReader(f)

    for file in ("card_file.csv", "death_list.csv", "japanese_list.csv"):
        if not (registry / file).exists():
            continue
        for r in rows(file):
            year = (r.get("birth_year") or "")[:4]
            if r.get("name_ru"):
                out.append((r["name_ru"].strip(), "cyrillic", r["id"], year))
            if r.get("name_ja"):
                out.append((r["name_ja"].strip(), "kanji", r["id"], year))
            if r.get("reading"):
                out.append((r["reading"].strip(), "kana", r["id"], year))
                out.append((hepburn(r["reading"].strip(), macrons=False), "latin", r["id"], year))
    return [n for n in out if n[0]]


def path(endpoint: str, **params: str) -> str:
    return f"/api/{endpoint}?" + urllib.parse.urlencode(params, quote_via=urllib.parse.quote)


def write_queries(registry: Path, outdir: Path, seed: int) -> None:
    rng = random.Random(seed)
    pool = names(registry)
    rng.shuffle(pool)
    outdir.mkdir(parents=True, exist_ok=True)
    search, seen = [], set()
    for name, _, _, year in pool:
        q = f"{name} {year}" if year and rng.random() < 0.25 else name
        if q not in seen:
            seen.add(q)
            search.append(path("search", q=q, limit="10"))
        if len(search) == N_SEARCH:
            break
    suggest, seen = [], set()
    for name, script, _, _ in pool[N_SEARCH:]:
        # 3-4 characters, shorter than the name (a kanji name is often 3-4 characters in all: 2-3 of it)
        k = min(rng.choice((3, 4)), len(name) - 1)
        q = name[:k].strip()
        if len(q) >= (2 if script == "kanji" else 3) and q not in seen:
            seen.add(q)
            suggest.append(path("suggest", q=q))
        if len(suggest) == N_SUGGEST:
            break
    recon = [{"query": name, "script": script, "record": rid, "birthYear": year}
             for name, script, rid, year in rng.sample(pool, N_RECONCILE)]
    (outdir / "search.txt").write_text("\n".join(search) + "\n", encoding="utf-8")
    (outdir / "suggest.txt").write_text("\n".join(suggest) + "\n", encoding="utf-8")
    (outdir / "reconcile.json").write_text(json.dumps(recon, ensure_ascii=False, indent=0), encoding="utf-8")
    scripts = {}
    for r in recon:
        scripts[r["script"]] = scripts.get(r["script"], 0) + 1
    print(f"queries: {len(search)} search (distinct), {len(suggest)} suggest prefixes (distinct), "
          f"{len(recon)} names to reconcile {dict(sorted(scripts.items()))}")


def post(url: str, data: dict[str, str], accept: str = "application/json") -> dict:
    body = urllib.parse.urlencode(data).encode()
    req = urllib.request.Request(url, data=body, headers={"Accept": accept,
                                                          "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(req, timeout=120) as resp:
        return json.loads(resp.read())


def persons_of(base_url: str, records: list[str]) -> dict[str, str]:
    """record id -> person id (relative to BASE), read from the store through /sparql."""
    out: dict[str, str] = {}
    for i in range(0, len(records), 200):
        values = " ".join(f"<{RECORD}{urllib.parse.quote(r)}>" for r in records[i:i + 200])
        q = f"SELECT ?r ?p WHERE {{ VALUES ?r {{ {values} }} ?r <{RECORD_OF}> ?p }}"
        res = post(base_url + "/sparql", {"query": q}, "application/sparql-results+json")
        for b in res["results"]["bindings"]:
            out[b["r"]["value"][len(RECORD):]] = b["p"]["value"][len(BASE):]
    return out


def reconcile(base_url: str, recon_file: Path) -> None:
    recon = json.loads(recon_file.read_text(encoding="utf-8"))
    truth = persons_of(base_url, sorted({r["record"] for r in recon}))
    missing = sum(r["record"] not in truth for r in recon)
    if missing:
        print(f"reconcile: {missing} of {len(recon)} records have no jpow:recordOf in the store (counted as misses)")
    for hinted in (False, True):
        batches, errors = [], 0
        for i in range(0, len(recon), BATCH):
            queries = {}
            for j, r in enumerate(recon[i:i + BATCH]):
                q = {"query": r["query"], "type": "Person", "limit": 3}
                if hinted and r["birthYear"]:
                    q["properties"] = [{"pid": "birthYear", "v": r["birthYear"]}]
                queries[f"q{j}"] = q
            batches.append(queries)
        answers = []
        t0 = time.perf_counter()
        for queries in batches:
            try:
                answers.append(post(base_url + "/reconcile", {"queries": json.dumps(queries, ensure_ascii=False)}))
            except Exception as exc:  # noqa: BLE001 - a benchmark reports, it does not stop
                errors += 1
                print(f"reconcile: a batch failed: {exc}", file=sys.stderr)
                answers.append({})
        secs = time.perf_counter() - t0
        top1 = top3 = 0
        by_script: dict[str, list[int]] = {}
        k = 0
        for queries, answer in zip(batches, answers):
            for key in queries:
                r = recon[k]; k += 1
                ids = [c["id"] for c in answer.get(key, {}).get("result", [])]
                right = truth.get(r["record"])
                hit1 = bool(ids) and ids[0] == right
                top1 += hit1; top3 += right in ids
                by_script.setdefault(r["script"], []).append(hit1)
        n = len(recon)
        scripts = " ".join(f"{s}={100 * sum(v) / len(v):.1f}%" for s, v in sorted(by_script.items()))
        print(f"reconcile {'birthYear hint' if hinted else 'name only    '} {n} names in {len(batches)} batches: "
              f"{secs:.2f} s ({n / secs:.0f} names/s), failed batches {errors}; first candidate right "
              f"{100 * top1 / n:.1f}%, in top 3 {100 * top3 / n:.1f}% (first by script: {scripts})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    q = sub.add_parser("queries"); q.add_argument("registry", type=Path); q.add_argument("outdir", type=Path)
    q.add_argument("--seed", type=int, default=14)
    r = sub.add_parser("reconcile"); r.add_argument("base_url"); r.add_argument("recon_file", type=Path)
    a = ap.parse_args()
    if a.cmd == "queries":
        write_queries(a.registry, a.outdir, a.seed)
    else:
        reconcile(a.base_url.rstrip("/"), a.recon_file)


if __name__ == "__main__":
    main()
