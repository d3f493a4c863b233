"""`kg`: one command per stage. Thin: parses options, calls the stage, prints, and maps errors to exit codes.

Exit codes: 0 success, 1 invalid graph or failed check, 2 bad input or usage, 3 the remote store failed.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from kg.config import Settings

if TYPE_CHECKING:
    from kg.extract.text import Gazetteer


def _settings(args: argparse.Namespace) -> Settings:
    data = tuple(args.data) if getattr(args, "data", None) else None
    settings = Settings().with_(store_path=getattr(args, "store", None), data_dirs=data,
                                store_query_url=getattr(args, "store_query", None),
                                store_update_url=getattr(args, "store_update", None),
                                store_gsp_url=getattr(args, "store_gsp", None),
                                store_profile=getattr(args, "store_profile", None))
    if getattr(args, "store", None) and not getattr(args, "store_query", None):
        # an explicit --store PATH means the embedded store, even where KG_STORE_QUERY is exported
        settings = dataclasses.replace(settings, store_query_url=None)
    return settings


def _write_output(output: str | None, write: Callable[[BinaryIO], None]) -> None:
    """To stdout; or to a file written aside and renamed, so that a failed run leaves neither a half file nor
    its remains; a device (-o /dev/stdout) is written directly."""
    if not output:
        write(sys.stdout.buffer)
        return
    target = Path(output)
    if target.exists() and not target.is_file():
        with target.open("wb") as out:
            write(out)
        return
    if not target.parent.is_dir():
        from kg.errors import InputError, Problem
        raise InputError([Problem(output, None, None, f"the directory '{target.parent}' does not exist",
                                  f"create it (mkdir -p '{target.parent}') or give -o a path in an existing one")])
    part = target.with_name(f".{target.name}.part")
    try:
        with part.open("wb") as out:
            write(out)
        part.replace(target)
    finally:
        part.unlink(missing_ok=True)


def cmd_build(args: argparse.Namespace) -> int:
    from kg.build import build

    settings = _settings(args)
    summary = build(settings, sources_dir=args.sources, engine=args.engine, quiet=args.quiet)
    print(summary.format())
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from pyoxigraph import Store

    from kg.build import extracted_quads, load_ontology
    from kg.store.embedded import open_store
    from kg.validate import validate_store

    settings = _settings(args)
    if args.store and not args.data:
        store = open_store(settings.store_path, read_only=True)
    else:
        store = Store()
        load_ontology(store, settings)
        quads, _ = extracted_quads(settings, settings.data_dirs, args.sources, quiet=True)
        store.extend(quads)
    report = validate_store(store, settings, engine=args.engine)
    print(report.format())
    return 0 if report.conforms else 1


def cmd_query(args: argparse.Namespace) -> int:
    from kg.query import format_results, read_query, run_query, run_remote_query

    settings = _settings(args)
    query = read_query(args.query)
    if settings.remote:
        from kg.store.remote import RemoteStore

        with contextlib.closing(RemoteStore.from_settings(settings)) as remote:
            results = run_remote_query(remote, query)
    else:
        from kg.store.embedded import open_store

        results = run_query(open_store(settings.store_path, read_only=True), query)
    sys.stdout.buffer.write(format_results(results, args.format))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from kg.export import export, export_remote

    settings = _settings(args)
    if args.links:
        return _export_links(settings, args)
    if args.format is None:
        print("kg export: give --format (trig, nquads, turtle, jsonld), or --links for the record links",
              file=sys.stderr)
        return 2
    if settings.remote:
        from kg.store.remote import RemoteStore

        with contextlib.closing(RemoteStore.from_settings(settings)) as remote:
            _write_output(args.output, lambda out: export_remote(remote, args.format, out))
    else:
        from kg.store.embedded import open_store

        store = open_store(settings.store_path, read_only=True)
        _write_output(args.output, lambda out: export(store, args.format, out))
    return 0


def _export_links(settings: Settings, args: argparse.Namespace) -> int:
    from kg.link.export import export_links
    from kg.store.embedded import open_store

    if settings.remote:
        print("kg export --links: reads an embedded store (--store); export the graph of a remote store with "
              "--format and query its jpow:RecordLink resources", file=sys.stderr)
        return 2
    store = open_store(settings.store_path, read_only=True)
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="") as out:
            n = export_links(store, out)
        print(f"Wrote {n:,} record pairs to {args.output}", file=sys.stderr)
    else:
        export_links(store, sys.stdout)
    return 0


def _gazetteer(settings: Settings, none: bool) -> Gazetteer:
    """The gazetteer `kg extract` links mentions with (and so `kg eval`): the curated tables' names, or none."""
    from kg.extract.text import Gazetteer

    return Gazetteer() if none else Gazetteer.from_tables(settings)


def cmd_extract(args: argparse.Namespace) -> int:
    from pyoxigraph import RdfFormat, serialize

    from kg.errors import InputError, Problem
    from kg.extract.text import extract_paths
    from kg.sources.text_checks import check_file

    problems = []   # every path is checked before the (slow) gazetteer is built and anything is written
    for p in args.paths:
        try:
            if not p.strip():
                raise InputError([Problem(repr(p), None, None, "the path is empty",
                                          "give the path of a text article (.txt, .md or .html)")])
            check_file(Path(p))
        except InputError as e:
            problems += e.problems
    if problems:
        raise InputError(problems)
    settings = _settings(args)
    gazetteer = _gazetteer(settings, args.no_gazetteer)
    quads = extract_paths([Path(p) for p in args.paths], settings, gazetteer)
    fmt = {"trig": RdfFormat.TRIG, "nquads": RdfFormat.N_QUADS}[args.format]
    _write_output(args.output, lambda out: serialize(quads, out, format=fmt))
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from kg.errors import InputError, Problem
    from kg.extract.text.evaluate import default_context, evaluate
    from kg.extract.text.scoring import Thresholds

    missing = [Problem(p, None, None, "no such file", "check the path (relative paths start from the current folder)")
               for p in (args.gold, args.text, *(args.context or ())) if not Path(p).is_file()]
    if missing:
        raise InputError(missing)
    settings = _settings(args)
    if args.context:
        context = [Path(c) for c in args.context]
    elif args.no_context:
        context = []
    else:
        context, note = default_context(settings)
        print(note, file=sys.stderr)
    scores = evaluate(Path(args.gold), Path(args.text), settings, _gazetteer(settings, args.no_gazetteer), context)
    explain = args.explain if args.explain or not args.details else sys.maxsize
    print(*scores.table_lines(), *scores.explain_lines(explain), sep="\n")
    if args.json:
        scores.write_json(args.json)
    print(scores.final_line())
    thresholds = Thresholds(args.min_recall, args.min_precision, args.min_f1, args.min_relation_f1)
    return 0 if scores.passes(thresholds) else 1


def cmd_serve(args: argparse.Namespace) -> int:
    from kg.serve import run

    settings = _settings(args)
    run(settings, host=args.host, port=args.port, workers=args.workers)
    return 0


def cmd_synth(args: argparse.Namespace) -> int:
    if args.sources is not None:
        from kg.synth_lists import generate_lists

        generate_lists(args.persons, args.seed, Path(args.output), args.sources, args.error_rate)
    else:
        from kg.synth import generate

        generate(args.persons, args.seed, Path(args.output))
    print(f"Wrote a synthetic registry of {args.persons:,} persons to {args.output}; "
          f"build it with: kg build --data data --data {args.output}")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kg", description="jpow-kg: build, check, query and serve the knowledge graph")
    sub = p.add_subparsers(dest="command", required=True)

    def with_store(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--store", type=Path, help="store path (default: ./store, or $KG_STORE)")

    def with_data(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--data", type=Path, action="append",
                        help="a data folder with mapping.yaml (repeatable; default: data)")
        sp.add_argument("--sources", type=Path, help="a folder of text articles to extract too (default: none, or $KG_SOURCES)")
        sp.add_argument("--engine", choices=("sparql", "turbo", "pyshacl"), default="sparql",
                        help="SHACL engine: sparql (default: the shapes as SPARQL over the store, flat memory at any "
                             "size), turbo (pyshacl-turbo: copies the graph into memory) or pyshacl (the reference)")

    def with_remote(sp: argparse.ArgumentParser) -> None:
        g = sp.add_argument_group("remote SPARQL store (docs/deploy.md); chosen when the query URL is set")
        g.add_argument("--store-query", metavar="URL", help="SPARQL query endpoint (or $KG_STORE_QUERY)")
        g.add_argument("--store-update", metavar="URL", help="SPARQL update endpoint (or $KG_STORE_UPDATE)")
        g.add_argument("--store-gsp", metavar="URL", help="Graph Store Protocol endpoint (or $KG_STORE_GSP)")
        g.add_argument("--store-profile", help="oxigraph, virtuoso, generic or auto (default; or $KG_STORE_PROFILE)")

    b = sub.add_parser("build", help="extract, validate and load into the store, atomically")
    with_data(b), with_store(b), with_remote(b)
    b.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    b.set_defaults(func=cmd_build)

    v = sub.add_parser("validate", help="validate the data (or, with --store alone, a built store) with SHACL")
    with_data(v), with_store(v)
    v.set_defaults(func=cmd_validate)

    q = sub.add_parser("query", help="run a SPARQL query (text or a .rq file) on the store")
    with_store(q), with_remote(q)
    q.add_argument("--format", choices=("table", "csv", "tsv", "json"), default="table")
    q.add_argument("query", help="a SPARQL query, or the path of a .rq file")
    q.set_defaults(func=cmd_query)

    e = sub.add_parser("export", help="write the whole store (a remote store: the live build's graphs) in an RDF format")
    with_store(e), with_remote(e)
    e.add_argument("--format", choices=("trig", "nquads", "turtle", "jsonld"),
                   help="turtle holds no graph names: it writes the union of all graphs")
    e.add_argument("--links", action="store_true",
                   help="instead: the links between person records as CSV (record_a,record_b,score,status)")
    e.add_argument("-o", "--output", help="output file (default: stdout)")
    e.set_defaults(func=cmd_export)

    x = sub.add_parser("extract", help="extract facts with their passages from text articles (plain, Markdown, HTML)")
    x.add_argument("paths", nargs="+")
    x.add_argument("--format", choices=("trig", "nquads"), default="trig")
    x.add_argument("-o", "--output")
    x.add_argument("--data", type=Path, action="append", help="data folders whose entities the gazetteer links to")
    x.add_argument("--no-gazetteer", action="store_true", help="link to nothing from the curated data")
    x.set_defaults(func=cmd_extract)

    ev = sub.add_parser("eval", help="score the text extractor against a gold file (the reference scorer's rules)",
                        description="Run the extractor on TEXT as `kg extract` does and score its output against GOLD "
                                    "with the vendored reference scorer (kg.extract.text.scoring = "
                                    "../shared/tools/gold_score.py): the same lines and figures.")
    ev.add_argument("gold")
    ev.add_argument("text")
    ev.add_argument("--details", action="store_true", help="also list every miss and false hit (--explain all)")
    ev.add_argument("--context", action="append", metavar="CURATED.trig",
                    help="a dump that lends names and types only, e.g. `kg export --format trig` of the curated "
                         "build (repeatable; default: the curated store of --store, if built)")
    ev.add_argument("--no-context", action="store_true", help="score without context, even if a store is built")
    with_store(ev)
    ev.add_argument("--data", type=Path, action="append", help="data folders whose entities the gazetteer links to")
    ev.add_argument("--no-gazetteer", action="store_true", help="link to nothing from the curated data")
    ev.add_argument("--explain", type=int, default=0, metavar="N",
                    help="list N missed and wrong entities, missed relations and links that count as wrong")
    ev.add_argument("--json", metavar="OUT", help="write all the scores and lists as JSON")
    ev.add_argument("--min-recall", type=float, default=0.0, help="exit 1 below this entity recall")
    ev.add_argument("--min-precision", type=float, default=0.0, help="exit 1 below this entity precision")
    ev.add_argument("--min-f1", type=float, default=0.0, help="exit 1 below this entity F1")
    ev.add_argument("--min-relation-f1", type=float, default=0.0, help="exit 1 below this relation F1")
    ev.set_defaults(func=cmd_eval)

    s = sub.add_parser("serve", help="serve the store over HTTP: SPARQL endpoint, entity pages, saved queries")
    with_store(s), with_remote(s)
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--workers", type=int, default=None,
                   help="query worker processes kept ready (default: 2, or $KG_WORKERS); more start on demand up to "
                        "$KG_MAX_QUERIES, and each is killed at the query's deadline")
    s.set_defaults(func=cmd_serve)

    sy = sub.add_parser("synth", help="generate a synthetic registry (marked as such) for scale tests")
    sy.add_argument("--persons", type=int, required=True)
    sy.add_argument("--seed", type=int, default=1)
    sy.add_argument("-o", "--output", required=True, help="output folder (tables + mapping.yaml)")
    sy.add_argument("--sources", type=int, choices=(1, 2, 3),
                    help="write each prisoner into this many lists that disagree (1 card file, 2 + a Japanese list, "
                         "3 + a death list), one record per row, and which records are one person to truth.csv")
    sy.add_argument("--error-rate", type=float, default=0.1,
                    help="with --sources: how often the lists err (default 0.1; 0.2 doubles every error)")
    sy.set_defaults(func=cmd_synth)
    return p


def main(argv: list[str] | None = None) -> int:
    from kg.build import BuildRejected
    from kg.errors import ExtractorFault, InputError
    from kg.store.embedded import StoreLayoutError
    from kg.store.http import StoreError

    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except InputError as e:
        if len(e.problems) == 1:   # one line: the file, what is wrong, the fix
            print(f"kg {args.command}: {e.problems[0]} (nothing was changed)", file=sys.stderr)
            return 2
        print(f"kg {args.command}: the input has {len(e.problems)} problem(s); nothing was changed.", file=sys.stderr)
        for problem in e.problems:
            print(f"- {problem}", file=sys.stderr)
        return 2
    except ExtractorFault as e:
        print(f"kg {args.command}: {e}; nothing was changed.", file=sys.stderr)
        return 1
    except BuildRejected as e:
        print(f"kg {args.command}: the graph is not valid; the store was not changed.", file=sys.stderr)
        print(e.report.format(), file=sys.stderr)
        return 1
    except (FileNotFoundError, StoreLayoutError, SyntaxError) as e:
        print(f"kg {args.command}: {e}", file=sys.stderr)
        return 2
    except StoreError as e:
        print(f"kg {args.command}: the remote store failed: {e}", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
