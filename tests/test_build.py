"""`kg build`: extract -> validate -> atomic load, and the errors that stop it without touching the store."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pyoxigraph import NamedNode, RdfFormat

from kg.build import BuildRejected, build
from kg.cli import main
from kg.config import Settings
from kg.errors import InputError
from kg.store.embedded import open_store

ROOT = Path(__file__).resolve().parents[1]
BASE = "https://w3id.org/jpow-kg/"

# A tiny, valid data folder: one source, one place, one camp, one person, one statistic.
TABLES = {
    "publications.csv": "id,type,source,page,label_en,title,year\n"
                        "src-a,Book,src-a,,A test book,A test book,2011\n",
    "places.csv": "id,type,source,page,label_en,label_ru\n"
                  "karaganda,Settlement,src-a,12,Karaganda,Караганда\n",
    "camps.csv": "id,type,source,page,label_en,number,location\n"
                 "camp-99,PrisonerOfWarCamp,src-a,13,Camp No. 99,99,karaganda\n",
    "persons.csv": "id,type,source,page,label_en,roles,birth_year\n"
                   "tanaka,Person,src-a,14,Tanaka Ichiro,prisoner-of-war,1920\n",
    "statistics.csv": "id,type,source,page,label_en,qualifier,value,min,max,unit,population,place\n"
                      "pows-karaganda,Statistic,src-a,15,POWs held near Karaganda,lower-bound,,1000,,person,"
                      "prisoners of war held in the camp,karaganda\n",
}


def write_data(folder: Path, **changes: str) -> Path:
    """The tiny folder, with some tables replaced; the other tables of mapping.yaml get a header only."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "data" / "mapping.yaml", folder / "mapping.yaml")
    for name in ("organizations.csv", "legal_acts.csv", "events.csv"):
        (folder / name).write_text("id,type,source,page,label_en\n", encoding="utf-8")
    (folder / "claims.csv").write_text("id,subject,property,value,source,page,note\n", encoding="utf-8")
    for name, text in {**TABLES, **changes}.items():
        (folder / name).write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return folder


def snapshot(store_path: Path) -> bytes:
    store = open_store(store_path)
    return b"".join(sorted(store.dump(format=RdfFormat.N_QUADS).splitlines()))


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    data = write_data(tmp_path / "data")
    store = tmp_path / "store"
    build(Settings(), [data], store)
    return data, store


def test_build_loads_every_row_into_its_own_cited_graph(built: tuple[Path, Path]) -> None:
    _, store_path = built
    store = open_store(store_path)
    ask = """PREFIX jpow: <https://w3id.org/jpow-kg/ontology#> PREFIX prov: <http://www.w3.org/ns/prov#>
    ASK { GRAPH ?g { <%sid/camp/camp-99> jpow:number "99" }
          ?g a jpow:Assertion ; prov:wasDerivedFrom <%sid/publication/src-a> ; jpow:page "13" ;
             jpow:sourceLine 2 }""" % (BASE, BASE)
    assert store.query(ask, use_default_graph_as_union=True)


def test_lower_bound_figure_keeps_its_bound_and_no_point_value(built: tuple[Path, Path]) -> None:
    store = open_store(built[1])
    rows = list(store.query(f"""PREFIX jpow: <https://w3id.org/jpow-kg/ontology#>
        SELECT ?q ?min ?v WHERE {{ <{BASE}id/statistic/pows-karaganda> jpow:qualifier ?q ; jpow:minValue ?min
        OPTIONAL {{ <{BASE}id/statistic/pows-karaganda> jpow:value ?v }} }}""", use_default_graph_as_union=True))
    assert [(r["q"].value, r["min"].value, r["v"]) for r in rows] == [
        ("https://w3id.org/jpow-kg/ontology#QualifierLowerBound", "1000", None)]


def test_partial_dates_keep_their_precision(built: tuple[Path, Path]) -> None:
    store = open_store(built[1])
    (row,) = store.query(f"SELECT ?y WHERE {{ <{BASE}id/person/tanaka> <https://w3id.org/jpow-kg/ontology#birthYear> ?y }}",
                         use_default_graph_as_union=True)
    assert row["y"].datatype == NamedNode("http://www.w3.org/2001/XMLSchema#gYear")


def test_rebuild_mints_the_same_iris(built: tuple[Path, Path], tmp_path: Path) -> None:
    data, store_path = built
    def subjects() -> set[str]:
        return {q.subject.value for q in open_store(store_path) if isinstance(q.subject, NamedNode)}
    before = subjects()
    build(Settings(), [data], store_path)
    assert subjects() == before


def test_labels_carry_language_tags(built: tuple[Path, Path]) -> None:
    store = open_store(built[1])
    langs = {r["l"].language for r in store.query(
        f"SELECT ?l WHERE {{ <{BASE}id/place/karaganda> <http://www.w3.org/2000/01/rdf-schema#label> ?l }}",
        use_default_graph_as_union=True)}
    assert langs == {"en", "ru"}


BAD_INPUTS = {
    "missing column": (
        {"persons.csv": "id,type,source,page,roles\ntanaka,Person,src-a,14,prisoner-of-war\n"},
        ("persons.csv:1", "label_en", "missing")),
    "malformed date": (
        {"persons.csv": "id,type,source,page,label_en,roles,birth_year\n"
                        "tanaka,Person,src-a,14,Tanaka Ichiro,prisoner-of-war,1920-13\n"},
        ("persons.csv:2", "birth_year", "YYYY-MM")),
    "unknown reference": (
        {"camps.csv": "id,type,source,page,label_en,number,location\n"
                      "camp-99,PrisonerOfWarCamp,src-a,13,Camp No. 99,99,spassk\n"},
        ("camps.csv:2", "location", "unknown reference 'spassk'")),
    "duplicate id": (
        {"places.csv": "id,type,source,page,label_en\nkaraganda,Settlement,src-a,12,Karaganda\n"
                       "karaganda,Settlement,src-a,12,Karaganda city\n"},
        ("places.csv:3", "id", "duplicate id 'karaganda'")),
    "wrong encoding": (
        {"places.csv": "id,type,source,page,label_en,label_ru\nkaraganda,Settlement,src-a,12,Karaganda,Караганда\n"
                       .encode("cp1251")},
        ("places.csv:2", "not UTF-8", "re-save the file as UTF-8")),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_names_file_line_column_and_fix_and_leaves_store_unchanged(
        case: str, built: tuple[Path, Path], tmp_path: Path) -> None:
    _, store_path = built
    before = snapshot(store_path)
    changes, expected = BAD_INPUTS[case]
    bad = write_data(tmp_path / "bad", **changes)
    with pytest.raises(InputError) as err:
        build(Settings(), [bad], store_path)
    message = str(err.value)
    for part in expected:
        assert part in message, f"{case}: {part!r} not in {message!r}"
    assert "Fix:" in message
    assert snapshot(store_path) == before


def test_invalid_graph_is_refused_with_focus_path_and_source_row(built: tuple[Path, Path], tmp_path: Path) -> None:
    _, store_path = built
    before = snapshot(store_path)
    bad = write_data(tmp_path / "bad", **{
        "statistics.csv": "id,type,source,page,label_en,qualifier,value,min,max,unit,population\n"
                          "odd-range,Statistic,src-a,15,A range upside down,range,,900,100,person,prisoners\n"})
    with pytest.raises(BuildRejected) as err:
        build(Settings(), [bad], store_path)
    text = err.value.report.format()
    assert f"{BASE}id/statistic/odd-range" in text
    assert "jpow:minValue" in text or "jpow:maxValue" in text
    assert "statistics.csv, line 2" in text
    assert snapshot(store_path) == before


def test_cli_build_reports_bad_input_with_exit_code_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = write_data(tmp_path / "bad", **BAD_INPUTS["unknown reference"][0])
    assert main(["build", "--data", str(bad), "--store", str(tmp_path / "s"), "-q"]) == 2
    err = capsys.readouterr().err
    assert "camps.csv:2" in err and "nothing was changed" in err
    assert not (tmp_path / "s").exists()


def test_cli_build_prints_summary_and_query_answers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = write_data(tmp_path / "data")
    store = str(tmp_path / "s")
    assert main(["build", "--data", str(data), "--store", store, "-q"]) == 0
    out = capsys.readouterr().out
    assert "PrisonerOfWarCamp" in out and "quads" in out
    assert main(["query", "--store", store, "--format", "csv",
                 "SELECT ?n WHERE { ?c jpow:number ?n }"]) == 0
    assert capsys.readouterr().out.splitlines() == ["n", "99"]


@pytest.mark.parametrize("fmt", ["trig", "nquads", "turtle", "jsonld"])
def test_export_round_trips_through_a_parser(fmt: str, built: tuple[Path, Path], tmp_path: Path) -> None:
    import rdflib

    out = tmp_path / f"export.{fmt}"
    assert main(["export", "--store", str(built[1]), "--format", fmt, "-o", str(out)]) == 0
    parsed = rdflib.Dataset()
    parsed.parse(out, format={"trig": "trig", "nquads": "nquads", "turtle": "turtle", "jsonld": "json-ld"}[fmt])
    assert any(str(s) == f"{BASE}id/camp/camp-99" for s, _, _, _ in parsed.quads((None, None, None, None)))


def test_a_build_with_text_sources_runs_the_tabular_extraction_once(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The text is linked to the curated entities that the build's one tabular extraction yields (it used to run
    a second time for the gazetteer)."""
    from kg.extract.tabular import TabularExtractor

    runs = []
    extract = TabularExtractor.extract

    def counting(self: TabularExtractor):  # type: ignore[no-untyped-def]
        runs.append(1)
        return extract(self)

    monkeypatch.setattr(TabularExtractor, "extract", counting)
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "note.txt").write_text("A Note\n\nThe prisoners were taken to Spassk in 1946.\n", encoding="utf-8")
    build(Settings(), [ROOT / "data"], tmp_path / "store", sources_dir=sources)
    assert len(runs) == 1
    store = open_store(tmp_path / "store")
    spassk = NamedNode("https://w3id.org/jpow-kg/id/place/spassk")
    from_text = [q for q in store.quads_for_pattern(None, None, spassk, None) if "note" in q.graph_name.value]
    assert from_text, "the text's mention of Spassk is linked to the curated place"


def test_export_into_a_missing_directory_is_one_line_naming_it(built: tuple[Path, Path], tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "nowhere" / "export.trig"
    assert main(["export", "--store", str(built[1]), "--format", "trig", "-o", str(target)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "does not exist" in err and "mkdir -p" in err
    assert not (tmp_path / "nowhere").exists()
