"""Headless Chromium (Debian's /usr/bin/chromium, driven by Playwright) reads an entity page and uses the query
UI of a live server. Screenshots go to tests/artifacts/ (gitignored)."""

from __future__ import annotations

from conftest import ARTIFACTS
from servers import LiveServer


def test_an_entity_page_renders_with_its_evidence(browser, server: LiveServer) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="ru-RU",
                            extra_http_headers={"Accept-Language": "ru"})
    page.goto(server.url + "id/camp/spassky-99")
    assert page.locator("h1#label").inner_text() == "Спасский лагерь № 99"
    rows = page.locator("tr.statement")
    locations = rows.filter(has=page.locator('td.property a[title="jpow:location"]'))
    assert locations.count() == 2
    evidence = page.locator("tr.statement .evidence-item")
    texts = evidence.all_inner_texts()
    assert any("A review of the Karaganda camps" in t and "p. 75" in t and "fixture wording" in t for t in texts)
    assert any("Camp register (fixture)" in t and "p. 12" in t for t in texts)
    page.screenshot(path=str(ARTIFACTS / "entity-page.png"), full_page=True)
    # a linked entity is one click away, on this server
    page.locator("td.value a", has_text="Карагандинская область").first.click()
    page.wait_for_url(server.url + "id/place/karaganda-region")
    assert page.locator("h1#label").inner_text() == "Карагандинская область"
    page.close()


def test_the_query_ui_runs_a_query_and_shows_the_results(browser, server: LiveServer) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(server.url + "query")
    page.wait_for_function("window.kgYasgui !== undefined")
    tabs = page.locator(".tabPanel")  # one per saved query, plus YASGUI's own first tab
    assert page.locator("a", has_text="Camps in a region").count() >= 1
    query = "SELECT ?label WHERE { <https://w3id.org/jpow-kg/id/place/spassk> <http://www.w3.org/2000/01/rdf-schema#label> ?label }"
    page.evaluate("q => { const t = window.kgYasgui.getTab(); t.setQuery(q); t.query(); }", query)
    cell = page.locator(".yasr .dataTable td", has_text="Spassk")
    cell.first.wait_for(timeout=15000)
    page.screenshot(path=str(ARTIFACTS / "query-ui.png"), full_page=False)
    assert any(u.startswith(server.url + "sparql") for u in requested)
    assert all(u.startswith(server.url) for u in requested), [u for u in requested if not u.startswith(server.url)]
    assert tabs.count() >= 1
    page.close()
