"""The W3C Reconciliation Service API at /reconcile (issue 14, item 3), over HTTP against a live server on
data/ plus a synthetic registry of 300 persons in three lists; every JSON answer is validated against the
spec's own schemas (v0.2 and the 1.0 draft, vendored in tests/fixtures/reconciliation/, see its README)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import jsonschema_rs
import pytest
from servers import LiveServer

from kg.build import build
from kg.config import Settings
from kg.store.embedded import open_store
from kg.synth_lists import generate_lists

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "tests" / "fixtures" / "reconciliation"
BASE = "https://w3id.org/jpow-kg/"
JPOW = BASE + "ontology#"
CAMP_99 = "camp/camp-99-spassky"
# persons sharing a kanji name, each with the birth year of one of his records
NAMESAKES = """PREFIX jpow: <https://w3id.org/jpow-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?kanji (GROUP_CONCAT(DISTINCT CONCAT(STR(?person), " ", STR(?year)); separator="|") AS ?who) WHERE {
  ?person a jpow:PrisonerOfWar ; rdfs:label ?kanji FILTER(lang(?kanji) = "ja")
  ?record jpow:recordOf ?person ; jpow:birthYear ?year } GROUP BY ?kanji ORDER BY ?kanji"""
PERSON = """PREFIX jpow: <https://w3id.org/jpow-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?person ?kanji ?latin ?year WHERE { ?person a jpow:PrisonerOfWar ; rdfs:label ?kanji, ?latin
  FILTER(lang(?kanji) = "ja" && lang(?latin) = "ja-latn") ?record jpow:recordOf ?person ; jpow:birthYear ?year }
  ORDER BY ?person LIMIT 1"""


def _retrieve(uri: str) -> Any:
    """The schemas' references, from the vendored copies (no network): `type.json`, `lang.json`, ...; the
    manifest's `authentication` points at Swagger 2's schema, which no answer here uses."""
    if uri.startswith("http://swagger.io/"):
        return {"definitions": {"securityDefinitions": {"additionalProperties": {"type": "object"}}}}
    version = "1.0-draft" if "/draft/" in uri or "/1.0-draft/" in uri else "0.2"
    return json.loads((SCHEMAS / version / uri.rsplit("/", 1)[-1]).read_text(encoding="utf-8"))


def validator(version: str, name: str) -> jsonschema_rs.Validator:
    schema = json.loads((SCHEMAS / version / f"{name}.json").read_text(encoding="utf-8"))
    return jsonschema_rs.Draft7Validator(schema, retriever=_retrieve)


def valid(body: Any, version: str, name: str) -> Any:
    errors = [str(e) for e in validator(version, name).iter_errors(body)]
    assert not errors, f"{name} ({version}): {errors[:3]}"
    return body


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reconcile")
    generate_lists(300, 7, folder / "lists", sources=3, quiet=True)
    build(Settings(sources_dir=None), [ROOT / "data", folder / "lists"], folder / "store")
    return folder / "store"


@pytest.fixture(scope="module")
def facts(built: Path) -> dict[str, Any]:
    """What the tests look up in the graph itself, read before the server opens the store."""
    store = open_store(built)
    union = {"use_default_graph_as_union": True}
    person = next(iter(store.query(PERSON, **union)))
    namesakes = [(r["kanji"].value, [w.split(" ") for w in r["who"].value.split("|")])
                 for r in store.query(NAMESAKES, **union)]
    clash = next(((k, who) for k, who in namesakes if len({p for p, _ in who}) > 1
                  and len({y for _, y in who}) == len(who)), None)
    del store
    return {"person": (person["person"].value, person["kanji"].value, person["latin"].value, person["year"].value),
            "namesakes": clash}


@pytest.fixture(scope="module")
def live(built: Path, facts, tmp_path_factory: pytest.TempPathFactory):
    server = LiveServer(built, tmp_path_factory.mktemp("logs"))
    yield server
    server.stop()


def reconcile_form(live: LiveServer, queries: dict[str, Any]) -> dict[str, Any]:
    response = httpx.post(live.url + "reconcile", data={"queries": json.dumps(queries)}, timeout=20)
    assert response.status_code == 200, response.text
    return valid(response.json(), "0.2", "reconciliation-result-batch")


def test_the_manifest_is_valid_v02_and_names_the_spaces_types_view_and_batch_cap(live: LiveServer) -> None:
    manifest = valid(httpx.get(live.url + "reconcile").json(), "0.2", "manifest")
    assert manifest["identifierSpace"] == BASE + "id/" and manifest["schemaSpace"] == JPOW
    assert {t["id"] for t in manifest["defaultTypes"]} == {JPOW + t for t in
                                                          ("Person", "Camp", "Place", "Organization", "Decree", "Event")}
    assert manifest["view"]["url"] == live.url + "id/{{id}}" and manifest["batchSize"] == 100
    assert manifest["preview"]["url"].startswith(live.url + "reconcile/preview?id=")
    draft = valid(httpx.get(live.url + "reconcile/draft").json(), "1.0-draft", "manifest")
    assert draft["versions"] == ["1.0-draft"] and draft["suggest"] == {"entity": True, "type": True, "property": True}


def test_the_manifest_is_served_as_jsonp_when_a_callback_is_given(live: LiveServer) -> None:
    response = httpx.get(live.url + "reconcile", params={"callback": "jsonp123"})
    assert response.status_code == 200 and "javascript" in response.headers["content-type"]
    body = response.text
    assert body.startswith("/**/jsonp123(") and body.endswith(");")
    valid(json.loads(body[len("/**/jsonp123("):-2]), "0.2", "manifest")


def test_a_batch_in_the_form_field_and_in_the_query_string_answers_every_key(live: LiveServer) -> None:
    queries = {"q0": {"query": "camp 99"}, "q1": {"query": "Karaganda", "type": "Place", "limit": 3}}
    valid(queries, "0.2", "reconciliation-query-batch")
    for response in (httpx.post(live.url + "reconcile", data={"queries": json.dumps(queries)}),
                     httpx.get(live.url + "reconcile", params={"queries": json.dumps(queries)})):
        result = valid(response.json(), "0.2", "reconciliation-result-batch")
        assert set(result) == {"q0", "q1"} and result["q0"]["result"][0]["id"] == CAMP_99
        assert len(result["q1"]["result"]) <= 3 and result["q1"]["result"][0]["id"] == "place/karaganda"


def test_a_draft_batch_as_json_body_is_answered_in_the_draft_shape(live: LiveServer) -> None:
    batch = {"queries": [{"conditions": [{"matchType": "name", "propertyValue": "лагерь № 99"}], "limit": 2},
                         {"type": JPOW + "Place", "conditions": [{"matchType": "name", "propertyValue": "Karaganda"}]}]}
    valid(batch, "1.0-draft", "reconciliation-query-batch")
    for path in ("reconcile/draft/match", "reconcile"):
        result = valid(httpx.post(live.url + path, json=batch).json(), "1.0-draft", "reconciliation-result-batch")
        assert [r["candidates"][0]["id"] for r in result["results"]] == [CAMP_99, "place/karaganda"]
        assert 0 <= result["results"][0]["candidates"][0]["score"] <= 100


@pytest.mark.parametrize("headers", [{"content-type": "text/plain"}, {"content-type": "text/plain; charset=utf-8"},
                                     {}])
def test_a_form_body_sent_as_plain_text_or_untyped_is_read_as_the_batch_not_the_manifest(live: LiveServer,
                                                                                          headers: dict) -> None:
    queries = {"q0": {"query": "camp 99"}, "q1": {"query": "Karaganda", "type": "Place", "limit": 3}}
    body = urlencode({"queries": json.dumps(queries)}).encode()
    request = httpx.Request("POST", live.url + "reconcile", content=body, headers=headers)
    if not headers:
        request.headers.pop("content-type", None)
    assert "content-type" not in request.headers or request.headers["content-type"].startswith("text/plain")
    with httpx.Client(timeout=20) as client:
        response = client.send(request)
    assert response.status_code == 200, response.text
    result = valid(response.json(), "0.2", "reconciliation-result-batch")
    assert set(result) == {"q0", "q1"} and result["q0"]["result"][0]["id"] == CAMP_99
    assert result["q1"]["result"][0]["id"] == "place/karaganda"


def test_a_json_body_sent_as_plain_text_is_read_as_json(live: LiveServer) -> None:
    batch = {"queries": [{"conditions": [{"matchType": "name", "propertyValue": "лагерь № 99"}], "limit": 2}]}
    response = httpx.post(live.url + "reconcile", content=json.dumps(batch).encode(),
                          headers={"content-type": "text/plain"})
    result = valid(response.json(), "1.0-draft", "reconciliation-result-batch")
    assert result["results"][0]["candidates"][0]["id"] == CAMP_99


@pytest.mark.parametrize("body,headers,reason", [
    (b"Sato", {"content-type": "text/plain"}, "neither a form with a queries field"),
    (b"query=Sato", {"content-type": "text/plain"}, "neither a form with a queries field"),
    (b"\xff\xfe", {"content-type": "application/octet-stream"}, "not UTF-8"),
    (b"queries=%7Bnot+json", {"content-type": "text/plain"}, "queries is not JSON"),
    (b"{oops", {"content-type": "text/plain"}, "not JSON"),
    (b"query=Sato", {"content-type": "application/x-www-form-urlencoded"}, "no queries field"),
    (b"queries=%7B%7D", {"content-type": "application/json"}, "not JSON"),
    (b"--x\r\nqueries", {"content-type": "multipart/form-data"}, ""),
])
def test_a_body_that_carries_no_batch_is_a_400_not_the_manifest(live: LiveServer, body: bytes, headers: dict,
                                                                reason: str) -> None:
    response = httpx.post(live.url + "reconcile", content=body, headers=headers)
    assert response.status_code == 400, response.text
    assert reason in response.text and "identifierSpace" not in response.text


def test_a_get_or_an_empty_post_without_queries_is_still_the_manifest(live: LiveServer) -> None:
    for response in (httpx.get(live.url + "reconcile"), httpx.post(live.url + "reconcile")):
        assert response.status_code == 200, response.text
        valid(response.json(), "0.2", "manifest")


def test_a_person_is_found_by_kanji_and_by_hepburn_without_macrons(live: LiveServer, facts) -> None:
    person, kanji, latin, _ = facts["person"]
    plain = latin.translate(str.maketrans("āīūēōĀĪŪĒŌ", "aiueoAIUEO"))
    result = reconcile_form(live, {"k": {"query": kanji, "type": "Person"}, "h": {"query": plain, "type": "Person"}})
    for key in ("k", "h"):
        top = result[key]["result"][0]
        assert BASE + "id/" + top["id"] == person and top["type"][0]["id"] == JPOW + "PrisonerOfWar"


def test_the_birth_year_hint_ranks_the_right_namesake_first_and_a_contradiction_is_no_match(live: LiveServer,
                                                                                           facts) -> None:
    if facts["namesakes"] is None:
        pytest.skip("the synthetic registry has no namesakes with different birth years")
    kanji, who = facts["namesakes"]
    for person, year in who:
        result = reconcile_form(live, {"q": {"query": kanji, "type": "Person",
                                             "properties": [{"pid": "birthYear", "v": year}]}})["q"]["result"]
        assert BASE + "id/" + result[0]["id"] == person
        assert result[0]["score"] > result[1]["score"]
    plain = reconcile_form(live, {"q": {"query": kanji, "type": "Person"}})["q"]["result"]
    assert not any(c["match"] for c in plain)  # namesakes without a hint: nothing is certain


def test_a_camp_hint_boosts_and_an_exact_clear_winner_is_a_match(live: LiveServer) -> None:
    result = reconcile_form(live, {"q": {"query": "camp 99", "type": "Camp"}})["q"]["result"]
    assert result[0]["id"] == CAMP_99 and result[0]["match"] is True and result[0]["score"] >= 80


def test_the_type_filter_keeps_only_that_type_and_its_subclasses(live: LiveServer) -> None:
    result = reconcile_form(live, {"q": {"query": "Spassky", "type": ["Camp", "Place"], "limit": 10}})["q"]["result"]
    assert result and all(c["type"][0]["name"] in ("PrisonerOfWarCamp", "CorrectionalLabourCamp", "ArmyCamp",
                                                     "Camp", "Settlement", "Region", "Site", "Place", "Country",
                                                     "GeographicArea") for c in result)


@pytest.mark.parametrize("queries,reason", [
    ("{not json", "queries is not JSON"),
    ("[1, 2]", "must be a JSON object"),
    (json.dumps({"q0": "Sato"}), "query q0 must be a JSON object"),
    (json.dumps({"q0": {"query": ""}}), "query string is empty"),
    (json.dumps({"q0": {"query": "   "}}), "query string is empty"),
    (json.dumps({"q0": {"type": "Person"}}), "query string is empty"),
    (json.dumps({"q0": {"query": "x" * 10_000}}), "at most 200"),
    (json.dumps({"q0": {"query": "Sato", "type": "Spaceship"}}), "unknown type"),
    (json.dumps({"q0": {"query": "Sato", "limit": 0}}), "limit must be"),
    (json.dumps({"q0": {"query": "Sato", "properties": [{"pid": "shoeSize", "v": 9}]}}), "unknown property"),
    (json.dumps({}), "no queries"),
    (json.dumps({"q0": {"query": "Sato", "properties": 5}}), "properties must be a list"),
    ('{"q0": {"query": "Sato", "limit": NaN}}', "limit must be a whole number"),
    ("[" * 100_000, "queries is not JSON"),
    (json.dumps({"q0": {"query": "Sato", "properties": [{"pid": "birthYear", "v": [[1]]}]}}), "must be a string"),
    (json.dumps({"q0": {"query": "Sato", "type": [f"T{i}" for i in range(11)]}}), "at most 10 types"),
])
def test_bad_input_is_a_400_with_a_reason(live: LiveServer, queries: str, reason: str) -> None:
    response = httpx.post(live.url + "reconcile", data={"queries": queries})
    assert response.status_code == 400, response.text
    assert reason in response.text


def test_bad_json_bodies_are_a_400_and_a_batch_over_the_cap_is_a_413(live: LiveServer) -> None:
    bad = httpx.post(live.url + "reconcile/draft/match", content=b"{oops", headers={"content-type": "application/json"})
    assert bad.status_code == 400 and "not JSON" in bad.text
    assert httpx.post(live.url + "reconcile/draft/match", json={"q": []}).status_code == 400
    unsupported = httpx.post(live.url + "reconcile/draft/match",
                             json={"queries": [{"conditions": [{"matchType": "id", "propertyValue": "x"}]}]})
    assert unsupported.status_code == 400 and "matchType" in unsupported.text
    big = {f"q{i}": {"query": "Sato"} for i in range(1000)}
    response = httpx.post(live.url + "reconcile", data={"queries": json.dumps(big)})
    assert response.status_code == 413 and "at most 100" in response.text


def test_suggest_entity_type_and_property_answer_valid_lists(live: LiveServer) -> None:
    for root, version in (("reconcile", "0.2"), ("reconcile/draft", "1.0-draft")):
        entities = valid(httpx.get(live.url + root + "/suggest/entity", params={"prefix": "Spa"}).json(),
                         version, "suggest-entities-response")
        assert CAMP_99 in [e["id"] for e in entities["result"]]
        types = valid(httpx.get(live.url + root + "/suggest/type", params={"prefix": "camp"}).json(),
                      version, "suggest-types-response")
        assert types["result"][0] == {"id": JPOW + "Camp", "name": "Camp"}
        props = valid(httpx.get(live.url + root + "/suggest/property", params={"prefix": "birth"}).json(),
                      version, "suggest-properties-response")
        assert [p["id"] for p in props["result"]] == ["birthYear"]
    assert httpx.get(live.url + "reconcile/suggest/entity", params={"prefix": "x" * 500}).status_code == 400


def test_preview_is_a_small_html_card_and_an_unknown_id_is_a_404(live: LiveServer) -> None:
    card = httpx.get(live.url + "reconcile/preview", params={"id": CAMP_99})
    assert card.status_code == 200 and card.headers["content-type"].startswith("text/html")
    assert "Spassky" in card.text and f'href="{live.url}id/{CAMP_99}"' in card.text and "PrisonerOfWarCamp" in card.text
    assert httpx.get(live.url + "reconcile/preview", params={"id": "camp/no-such"}).status_code == 404
    assert httpx.get(live.url + "reconcile/preview", params={"id": ""}).status_code == 400


def test_the_routes_are_documented_in_openapi_with_the_batch_cap(live: LiveServer) -> None:
    spec = httpx.get(live.url + "openapi.json").json()
    assert "at most 100 queries" in spec["paths"]["/reconcile"]["post"]["description"].lower()
    assert {"/reconcile/suggest/entity", "/reconcile/preview", "/reconcile/draft/match"} <= set(spec["paths"])


def test_an_openrefine_style_flow_manifest_batch_preview_suggest(live: LiveServer, facts) -> None:
    """What OpenRefine 3.8 does: probe the manifest (JSONP), send the column in batches as a form field with
    the chosen type and a property column, preview the top candidate, then search by hand with suggest."""
    with httpx.Client(base_url=live.url, timeout=20) as client:
        probe = client.get("reconcile", params={"callback": "jsonp1"}).text
        manifest = valid(json.loads(probe[probe.index("(") + 1:probe.rindex(")")]), "0.2", "manifest")
        person_type = next(t["id"] for t in manifest["defaultTypes"] if t["name"] == "Person")
        person, kanji, _, year = facts["person"]
        queries = {"q0": {"query": kanji, "type": person_type, "type_strict": "should", "limit": 3,
                          "properties": [{"pid": "birthYear", "v": year}]},
                   "q1": {"query": "Спасский лагерь № 99", "type": manifest["defaultTypes"][1]["id"], "limit": 3}}
        valid(queries, "0.2", "reconciliation-query-batch")
        answer = client.post("reconcile", data={"queries": json.dumps(queries)})
        result = valid(answer.json(), "0.2", "reconciliation-result-batch")
        top = result["q0"]["result"][0]
        assert BASE + "id/" + top["id"] == person and result["q1"]["result"][0]["id"] == CAMP_99
        preview = client.get(manifest["preview"]["url"].replace("{{id}}", top["id"]).removeprefix(live.url))
        assert preview.status_code == 200 and kanji in preview.text
        suggest = manifest["suggest"]
        for kind, prefix, schema in (("entity", kanji[:2], "suggest-entities-response"),
                                     ("type", "Pers", "suggest-types-response"),
                                     ("property", "camp", "suggest-properties-response")):
            url = suggest[kind]["service_url"] + suggest[kind]["service_path"]
            found = valid(client.get(url, params={"prefix": prefix}).json(), "0.2", schema)["result"]
            assert found, kind
        view = client.get(manifest["view"]["url"].replace("{{id}}", top["id"]).removeprefix(live.url),
                          headers={"Accept": "text/html"})
        assert view.status_code == 200 and kanji in view.text


def test_entity_suggestions_keep_to_the_type_asked_for(live: LiveServer) -> None:
    any_type = httpx.get(live.url + "reconcile/suggest/entity", params={"prefix": "spa"}).json()["result"]
    persons = httpx.get(live.url + "reconcile/suggest/entity", params={"prefix": "spa", "type": "Person"}).json()
    assert any(r["id"].startswith("camp/") for r in any_type)
    assert not any(r["id"].startswith("camp/") for r in persons["result"])
