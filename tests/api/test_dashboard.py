"""The dashboard at ``/`` in a real browser: Debian's Chromium driven by Playwright, over uvicorn serving a SQLite
store of the sample corpus and two articles on one K2 deal, one of them hostile (markup in its title, outlet and
text, a ``javascript:`` URL). Each view is checked against the API it reads; no page may ask anything of another
host, and the hostile markup must show as text and never run. The main views are saved as PNG screenshots under
``test-artifacts/dashboard/`` (replaced on each run). Without Chromium or Playwright the browser tests are skipped
(failed under CI=true); the checks of the files served run everywhere."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import threading
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient

from allywatch.api.app import STATIC, create_app
from allywatch.kb.loader import KnowledgeBase
from allywatch.store.ingest import ingest
from allywatch.store.repository import Repository
from tests.api.conftest import SETTINGS, fill

ROOT = Path(__file__).resolve().parents[2]
#: Where the browser tests leave screenshots of the main views.
ARTIFACTS = ROOT / "test-artifacts" / "dashboard"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
#: Rows of a table page and edges the network draws: what app.js asks the API for.
PAGE, MAX_EDGES = 25, 300

IMG = '<img src=x onerror="window.__pwned=1">'
SCRIPT = "<script>window.__pwned=1</script>"
HOSTILE = {"doc": "hostile-k2", "title": f"Poland buys K2 tanks {SCRIPT} {IMG}", "source": f"Wire {IMG}",
           "url": "javascript:window.__pwned=1", "published": "2025-08-01",
           "text": f"Poland signed a contract on Friday with South Korea's Hyundai Rotem for 180 K2 tanks {IMG} worth "
                   f"$6.5 billion {SCRIPT}, the defence ministry in Warsaw said on Friday."}
# a flag (two code points, four UTF-16 units) before the evidence: offsets count code points
SECOND = {"doc": "k2-second", "title": "Poland and South Korea sign K2 deal", "source": "First Wire",
          "url": "https://first.example/k2", "published": "2025-08-02",
          "text": "Tanks for Warsaw \U0001f1f5\U0001f1f1 arrive soon. Poland signed a contract with South Korea's "
                  "Hyundai Rotem for 180 K2 tanks worth $6.5 billion, the defence ministry in Warsaw said on Saturday."}


# ---- the files served (no browser) -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pages(kb: KnowledgeBase, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    repo = Repository.open(f"sqlite:///{tmp_path_factory.mktemp('pages') / 'empty.db'}")
    with TestClient(create_app(repo, SETTINGS, kb=kb)) as client:
        yield client
    repo.close()


def test_the_dashboard_is_served_at_the_root_with_a_strict_policy(pages: TestClient) -> None:
    home = pages.get("/", follow_redirects=False)
    assert home.status_code == 200 and home.headers["content-type"].startswith("text/html")
    policy = home.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "connect-src 'self';" in policy and "unsafe" not in policy
    scripts = re.findall(r'<script src="([^"]+)"', home.text)
    assert scripts == ["static/vendor/cytoscape/cytoscape.min.js", "static/app.js"]
    assert "<script>" not in home.text and "://" not in home.text
    for path in [*scripts, "static/style.css", "static/favicon.svg"]:
        response = pages.get("/" + path)
        assert response.status_code == 200 and response.content == (STATIC / path.removeprefix("static/")).read_bytes()
    assert pages.get("/static/app.js").headers["content-type"].startswith("text/javascript")
    assert pages.get("/static/nothing.js").status_code == 404


def test_docs_take_swagger_ui_from_the_package(pages: TestClient) -> None:
    docs = pages.get("/docs")
    assert docs.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+)"', docs.text)
    assert sorted(assets) == ["/static/favicon.svg", "/static/vendor/swagger-ui/swagger-ui-bundle.js",
                              "/static/vendor/swagger-ui/swagger-ui.css"]
    assert "://" not in docs.text and "validatorUrl\": null" in docs.text
    for asset in assets:
        assert pages.get(asset).status_code == 200
    assert pages.get("/redoc").status_code == 404  # ReDoc would load its script from elsewhere: it is off


def test_the_dashboard_script_writes_no_markup() -> None:
    script = (STATIC / "app.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
                 "srcdoc", "createContextualFragment"):
        assert sink not in script, sink


def test_the_vendored_scripts_are_pinned_and_packaged() -> None:
    script = (ROOT / "scripts" / "vendor_js.sh").read_text(encoding="utf-8")
    pins = dict(re.findall(r"^(CYTOSCAPE|SWAGGER_UI)_VERSION=(\S+)$", script, re.M))
    versions = (STATIC / "vendor" / "VERSIONS").read_text(encoding="utf-8")
    assert versions == f"cytoscape {pins['CYTOSCAPE']}\nswagger-ui-dist {pins['SWAGGER_UI']}\n"
    vendor = STATIC / "vendor"
    assert f'.version="{pins["CYTOSCAPE"]}"' in (vendor / "cytoscape" / "cytoscape.min.js").read_text()
    assert f'PACKAGE_VERSION:"{pins["SWAGGER_UI"]}"' in (vendor / "swagger-ui" / "swagger-ui-bundle.js").read_text()
    for licence in ("cytoscape", "swagger-ui"):
        assert (STATIC / "vendor" / licence / "LICENSE").stat().st_size > 500
    globs = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["allywatch"]
    package = STATIC.parents[1]
    files = [p.relative_to(package).as_posix() for p in STATIC.rglob("*") if p.is_file()]
    assert len(files) >= 10
    assert [f for f in files if not any(fnmatch(f, g) and f.count("/") == g.count("/") for g in globs)] == []


# ---- the browser -----------------------------------------------------------------------------------------------


def _unavailable(message: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def _chromium() -> str:
    found = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if found is None:
        _unavailable("the dashboard tests need Chromium: apt-get install chromium")
    assert found
    return found


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, kb: KnowledgeBase) -> Iterator[str]:
    """uvicorn serving the app on a free port of 127.0.0.1, over a SQLite store of the sample corpus and the two
    K2 articles, ingested for real; its base URL."""
    folder = tmp_path_factory.mktemp("dashboard")
    url = f"sqlite:///{folder / 'dashboard.db'}"
    fill(url)
    records = folder / "k2.jsonl"
    records.write_text("".join(json.dumps(r) + "\n" for r in (HOSTILE, SECOND)), encoding="utf-8")
    repo = Repository.open(url)
    try:
        report = ingest([records], repo, SETTINGS)
        assert (report.stored, report.rejected) == (2, [])
        with _served(create_app(repo, SETTINGS, kb=kb)) as base:
            yield base
    finally:
        repo.close()


@contextmanager
def _served(app: Any) -> Iterator[str]:
    """``app`` served by uvicorn, in a thread, on a free port of 127.0.0.1; its base URL."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)  # connections wait in the backlog until uvicorn takes them: no need to wait for it to start
    port = sock.getsockname()[1]
    uv = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=uv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        uv.should_exit = True
        thread.join(timeout=30)
        sock.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the dashboard tests need Playwright: pip install -e '.[dev]'")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass
class Visit:
    """A browser page on the server, with every request it made and those meant for another host (refused)."""

    page: Any
    base: str
    requests: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def api(self, path: str, **params: Any) -> dict[str, Any]:
        """What the server answers (compared with what the page shows)."""
        response = httpx.get(self.base + "api/" + path, params=params)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    def go(self, hash_: str) -> None:
        """Open the page at ``hash_`` and wait until the view of that address has replaced the one before."""
        url = self.base + hash_
        self.page.goto(url)
        if not hash_.startswith("docs"):
            self.page.wait_for_function("url => document.getElementById('view').dataset.hash === new URL(url).hash",
                                        arg=url)

    def routed(self, query: str) -> None:
        """Wait until the view made for an address holding ``query`` is shown (after a click that changes it)."""
        self.page.wait_for_function("query => document.getElementById('view').dataset.hash.includes(query)",
                                    arg=query)

    def settled(self) -> None:
        """Wait until every paged list of the view has loaded."""
        self.page.wait_for_function("""() => {
            const lists = [...document.querySelectorAll('main .paged')];
            return lists.length > 0 && lists.every(list => list.dataset.state === 'ready');
        }""")

    def api_calls(self, path: str) -> list[dict[str, list[str]]]:
        """The query of each request the page made to ``/api/<path>``."""
        return [parse_qs(urlsplit(u).query) for u in self.requests if urlsplit(u).path == "/api/" + path]

    def rows(self, scope: str = ".events-panel") -> list[int]:
        """The event ids of the rows shown, once the table has loaded."""
        self.page.wait_for_selector(f"{scope} .paged[data-state='ready']")
        ids: list[int] = self.page.locator(f"{scope} tr.event-row").evaluate_all(
            "rows => rows.map(r => Number(r.dataset.eventId))")
        return ids


@pytest.fixture
def visit(browser: Any, server: str) -> Iterator[Visit]:
    """A fresh browser context on the server; after the test, no request may have left it and no script may have
    failed."""
    with _visiting(browser, server) as seen:
        yield seen
    assert seen.errors == [], "the page reported errors"


@contextmanager
def _visiting(browser: Any, server: str) -> Iterator[Visit]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, service_workers="block")
    host = urlsplit(server).netloc
    seen = Visit(page=None, base=server)

    def route(request_route: Any) -> None:
        url = request_route.request.url
        seen.requests.append(url)
        if urlsplit(url).netloc == host:
            request_route.continue_()
        else:
            seen.outside.append(url)
            request_route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda message: seen.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: seen.errors.append(str(error)))
    page.set_default_timeout(20_000)
    seen.page = page
    try:
        yield seen
    finally:
        context.close()
    assert seen.outside == [], "requests left the server"


def _network_state(visit: Visit) -> dict[str, Any]:
    state: dict[str, Any] = visit.page.evaluate("""() => {
        const cy = window.allywatch.network;
        return {nodes: cy.nodes().map(n => n.id()).sort(),
                edges: cy.edges().map(e => e.id()).sort(),
                fresh: cy.edges('.new').map(e => e.id()).sort()};
    }""")
    return state


def _edge_id(edge: dict[str, Any]) -> str:
    return f"{edge['source']}|{edge['target']}|{edge['type']}"


def _click_element(visit: Visit, selector: str) -> None:
    """A real mouse click on a node (``#JPN``) or an edge of the network, where it is drawn."""
    x, y = visit.page.evaluate("""(selector) => {
        const cy = window.allywatch.network;
        const element = cy.$(selector);
        const at = element.isNode() ? element.renderedPosition() : element.renderedMidpoint();
        const box = cy.container().getBoundingClientRect();
        return [box.left + at.x, box.top + at.y];
    }""", selector)
    visit.page.mouse.click(x, y)


def _ready_network(visit: Visit, until: str = "all") -> None:
    visit.page.wait_for_selector(f"#network-status[data-state='ready'][data-until='{until}']")


def _screenshot(visit: Visit, name: str) -> None:
    """The whole page saved as ``test-artifacts/dashboard/<name>.png``, replacing the last run's; it must have been
    written now, as a PNG."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    path.unlink(missing_ok=True)
    visit.page.screenshot(path=str(path), full_page=True)
    data = path.read_bytes()
    assert data.startswith(PNG_SIGNATURE) and len(data) > 1000, path


def _assert_evidence_shown(visit: Visit, event: dict[str, Any]) -> None:
    """Each source of ``event`` shows its article's text with the evidence sentences highlighted, and a link to the
    article when it has an http(s) URL (none when it has not)."""
    assert event["sources"]
    for source in event["sources"]:
        spans = source["evidence"]
        [article] = [a for a in visit.api(f"articles/{source['doc']}")["data"]
                     if all(a["text"][s["start"]:s["end"]] == s["text"] for s in spans)]
        expected = [article["text"][s["start"]:s["end"]] for s in spans]
        block = visit.page.locator(f".evidence article.source[data-doc='{source['doc']}']")
        marks = block.locator(".article-text mark")
        assert marks.all_inner_texts() == expected and expected
        assert block.locator(".article-text").evaluate("e => e.textContent") == article["text"]
        backgrounds = marks.evaluate_all("ms => ms.map(m => getComputedStyle(m).backgroundColor)")
        assert all(b not in ("rgba(0, 0, 0, 0)", "transparent") for b in backgrounds), backgrounds
        assert marks.first.is_visible()
        links = block.locator("a.external")
        assert source["url"] == article["url"]
        if re.match(r"https?://", article["url"] or ""):
            assert links.count() == 1 and links.get_attribute("href") == article["url"]
        else:
            assert links.count() == 0


def test_a_new_analyst_follows_japans_partners_to_the_evidence_of_its_us_events(visit: Visit) -> None:
    """What an analyst new to the sample corpus does: open the dashboard over ``examples/corpus`` (ingested into the
    server's fresh SQLite store as ``allywatch ingest`` does), see Japan's partners in the network, click the
    Japan–US edge of co-production and then of supply chains, and read each event's evidence.

    Japan and the United States share an edge for each of several event types, drawn side by side; the analyst
    picks the type in the network's filter so that the edge clicked is that type's alone. In the sample corpus
    each of the two types has one Japan–US event, reported by one article that has no URL: its evidence is
    highlighted in the article's text and no link is drawn (the link is checked whenever a source has a URL)."""
    visit.go("")
    _ready_network(visit)
    graph = visit.api("graph", limit=MAX_EDGES)
    partners = sorted({e["target"] if e["source"] == "JPN" else e["source"] for e in graph["data"]
                       if "JPN" in (e["source"], e["target"])})
    drawn = visit.page.evaluate("() => window.allywatch.network.$('#JPN').neighborhood('node').map(n => n.id()).sort()")
    assert drawn == partners and "USA" in partners
    assert partners == sorted(n["id"] for n in visit.api("graph", party="JPN", limit=MAX_EDGES)["nodes"]
                              if n["id"] != "JPN")
    _screenshot(visit, "network")

    for kind in ("co_production", "supply_chain"):
        visit.page.select_option("#network-filters select[name='type']", kind)
        visit.routed(f"type={kind}&")
        _ready_network(visit)
        [edge] = [e for e in visit.api("graph", type=kind, limit=MAX_EDGES)["data"]
                  if {e["source"], e["target"]} == {"JPN", "USA"}]
        between = visit.page.evaluate("() => window.allywatch.network.$('#JPN').edgesWith('#USA').map(e => e.id())")
        assert between == [_edge_id(edge)]
        _click_element(visit, f"edge[id='{_edge_id(edge)}']")
        expected = visit.api("events", party=["JPN", "USA"], type=kind, limit=PAGE)
        assert expected["data"] and expected["count"] == edge["weight"]
        assert visit.rows() == [e["id"] for e in expected["data"]]
        assert visit.page.locator(".events-panel h3").inner_text() == (
            f"{kind} events of {edge['source']} and {edge['target']}")
        assert all(e["type"] == kind and {"JPN", "USA"} <= set(e["participants"]) for e in expected["data"])
        event = expected["data"][0]
        visit.page.click(f".events-panel tr.event-row[data-event-id='{event['id']}']")
        visit.page.wait_for_selector(f".evidence[data-state='ready'][data-event-id='{event['id']}']")
        _assert_evidence_shown(visit, event)
        if kind == "co_production":
            _screenshot(visit, "japan-us-events")


def test_the_network_draws_the_parties_and_edges_of_the_graph(visit: Visit) -> None:
    visit.go("")
    _ready_network(visit)
    graph = visit.api("graph", limit=MAX_EDGES)
    state = _network_state(visit)
    assert state["nodes"] == sorted(n["id"] for n in graph["nodes"]) and {"JPN", "USA", "KOR", "POL"} <= set(
        state["nodes"])
    assert state["edges"] == sorted(_edge_id(e) for e in graph["data"]) and len(state["edges"]) == graph["count"]
    assert visit.page.locator("#parties li").count() == len(graph["nodes"])
    status = visit.page.locator("#network-status").inner_text()
    assert f"{graph['events']} events; showing {graph['count']} edges and {len(graph['nodes'])} parties" in status
    # served by the package, and paged by the server: the graph's edges capped, no list fetched whole
    assert any(urlsplit(u).path == "/static/vendor/cytoscape/cytoscape.min.js" for u in visit.requests)
    assert visit.api_calls("graph") and all(q["limit"] == [str(MAX_EDGES)] for q in visit.api_calls("graph"))
    assert all(int(q["limit"][0]) == 1 for q in visit.api_calls("timeline"))


def test_clicking_a_party_lists_its_events_page_by_page(visit: Visit) -> None:
    visit.go("")
    _ready_network(visit)
    _click_element(visit, "#JPN")
    first = visit.api("events", party="JPN", limit=PAGE)
    assert first["count"] > PAGE  # two pages
    assert visit.rows() == [e["id"] for e in first["data"]]
    assert visit.page.locator(".events-panel h3").inner_text() == "Events of Japan (JPN)"
    assert visit.page.locator(".events-panel .count").inner_text() == f"{first['count']} events · showing 1–{PAGE}"
    cells = visit.page.locator(".events-panel tr.event-row").first.locator("td")
    event = first["data"][0]
    assert [cells.nth(i).inner_text() for i in (0, 2, 3)] == [event["type"], event["status"], event["item"]]
    visit.page.click(".events-panel button.next")
    visit.page.wait_for_selector(".events-panel .paged[data-state='ready'][data-offset='25']")
    second = visit.api("events", party="JPN", limit=PAGE, offset=PAGE)
    assert visit.rows() == [e["id"] for e in second["data"]] and second["data"]
    assert visit.page.locator(".events-panel .page-of").inner_text() == "page 2 of 2"
    assert visit.page.locator(".events-panel button.next").is_disabled()
    visit.page.click(".events-panel button.prev")
    visit.page.wait_for_selector(".events-panel .paged[data-state='ready'][data-offset='0']")
    assert visit.rows() == [e["id"] for e in first["data"]]
    assert all(q["limit"] == [str(PAGE)] for q in visit.api_calls("events"))


def test_clicking_an_edge_lists_the_events_of_the_pair_and_type(visit: Visit) -> None:
    visit.go("")
    _ready_network(visit)
    edges = visit.api("graph", limit=MAX_EDGES)["data"]
    pairs = [(e["source"], e["target"]) for e in edges]
    # an edge alone between its parties whose midpoint is its own: no node or other edge drawn over it there
    alone = [e for e in edges if pairs.count((e["source"], e["target"])) == 1 and e["weight"] >= 1]
    clear = visit.page.evaluate("""(ids) => {
        const cy = window.allywatch.network;
        return ids.filter((id) => {
            const at = cy.getElementById(id).midpoint();
            const hit = cy.renderer().findNearestElement(at.x, at.y, true, false);
            return hit && hit.id() === id;
        });
    }""", [_edge_id(e) for e in alone])
    edge = next(e for e in alone if _edge_id(e) in clear)
    _click_element(visit, f"edge[id='{_edge_id(edge)}']")
    title = f"{edge['type']} events of {edge['source']} and {edge['target']}"
    # the panel is retitled when the click is handled; only then is its table the edge's (a busy machine may read
    # the table before the click has been handled)
    visit.page.wait_for_function("(title) => document.querySelector('.events-panel h3')?.innerText === title",
                                 arg=title)
    expected = visit.api("events", party=[edge["source"], edge["target"]], type=edge["type"], limit=PAGE)
    assert visit.rows() == [e["id"] for e in expected["data"]] and expected["count"] == edge["weight"]
    assert visit.page.locator(".events-panel h3").inner_text() == title


@pytest.mark.parametrize(("query", "parties"), [("party=JPN&party=USA&program=Tomahawk", ["JPN", "USA"]),
                                                ("party=KOR&party=POL", ["KOR", "POL"])])
def test_a_row_opens_its_evidence_marked_in_the_article_text(visit: Visit, query: str, parties: list[str]) -> None:
    visit.go(f"#/events?{query}")
    params = parse_qs(query)
    [event] = visit.api("events", **params)["data"]
    assert visit.rows() == [event["id"]] and len(event["sources"]) == 2
    visit.page.click("tr.event-row")
    visit.page.wait_for_selector(f".evidence[data-state='ready'][data-event-id='{event['id']}']")
    for source in event["sources"]:
        [article] = visit.api(f"articles/{source['doc']}")["data"]
        expected = [article["text"][s["start"]:s["end"]] for s in source["evidence"]]
        assert expected == [s["text"] for s in source["evidence"]] and expected
        block = visit.page.locator(f".evidence article.source[data-doc='{source['doc']}']")
        assert block.locator("mark").all_inner_texts() == expected
        # the whole text is there, the marks in place
        assert block.locator(".article-text").evaluate("e => e.textContent") == article["text"]
        links = block.locator("a.external")
        if source["url"] == SECOND["url"]:
            assert links.get_attribute("href") == SECOND["url"]
        else:
            assert links.count() == 0  # no URL, or not an http(s) one
    assert set(parties) <= set(event["participants"])


@pytest.mark.parametrize("which", ["most articles", "k2"])
def test_the_story_page_sets_its_sources_side_by_side(visit: Visit, which: str) -> None:
    stories = visit.api("stories", limit=50)["data"]
    if which == "k2":
        [story_id] = [s["id"] for s in stories if s["title"] == HOSTILE["title"]]
    else:
        story_id = max(stories, key=lambda s: (s["articles"], s["id"]))["id"]
    [story] = visit.api(f"stories/{story_id}")["data"]
    visit.go(f"#/story/{story_id}")
    visit.page.wait_for_selector(".story-columns[data-state='ready']")
    shown = story["articles"][:4]
    assert visit.page.locator(".story-source h4").all_inner_texts() == [a["source"] or a["doc"] for a in shown]
    assert visit.page.locator(".story-source").evaluate_all("e => e.map(x => x.dataset.doc)") == [
        a["doc"] for a in shown]
    assert visit.page.locator("table.comparison tr.event-row").count() == len(story["events"])
    conflicts = len(story["conflicts"]) + sum(len(e["conflicts"]) for e in story["events"])
    assert visit.page.locator(".conflicts li.conflict").count() == conflicts
    if which == "k2":
        assert conflicts >= 1 and len(shown) == 2
        # the sources give different dates: the cells are marked as a conflict, each with its own value
        [event] = story["events"]
        dates = {s["doc"]: s["date"] for s in event["sources"]}
        marked = visit.page.locator("table.comparison td.given div.conflict").all_inner_texts()
        assert marked == [f"date: {dates[a['doc']]}" for a in shown] and len(set(dates.values())) == 2
        assert visit.page.locator("h2").inner_text() == HOSTILE["title"]
    else:
        _screenshot(visit, "story")


def test_the_entity_page_shows_a_persons_offices_and_events(visit: Visit) -> None:
    [entity] = visit.api("entities/Fumio Kishida", limit=PAGE)["data"]
    assert len(entity["offices"]) >= 2
    visit.go("#/entity/Fumio%20Kishida")
    visit.page.wait_for_selector("table.offices")
    rows = visit.page.locator("table.offices tr.office")
    assert rows.count() == len(entity["offices"])
    for i, office in enumerate(entity["offices"]):
        cells = rows.nth(i).locator("td").all_inner_texts()
        assert cells[:4] == [office["office"].replace("_", " "), office["party"], office["start"],
                             office["end"] or "now"]
    assert visit.rows() == [e["id"] for e in entity["events"]] and entity["events_count"] >= 1
    assert visit.page.locator("h2").inner_text() == "Fumio Kishida"
    _screenshot(visit, "entity")


def test_the_timeline_of_a_pair_draws_a_bar_per_month(visit: Visit) -> None:
    timeline = visit.api("timeline", party=["JPN", "USA"])
    visit.go("#/timeline?party=JPN&party=USA")
    visit.page.wait_for_selector(".paged[data-state='ready'] svg.timeline-chart")
    months = visit.page.locator("g.month").evaluate_all(
        "gs => gs.map(g => [g.dataset.month, Number(g.dataset.total)])")
    totals = {m["month"]: m["total"] for m in timeline["data"]}
    assert months[0][0] == timeline["data"][0]["month"] and months[-1][0] == timeline["data"][-1]["month"]
    assert {m: t for m, t in months if t} == totals and len(months) > len(totals)  # empty months drawn empty
    bars = visit.page.locator("g.month rect").count()
    assert bars == sum(len(m["types"]) for m in timeline["data"])
    undated = timeline["undated"]["total"]
    assert visit.page.locator(".undated").inner_text().startswith(f"{undated} events no dated source reports")
    assert visit.rows() == [e["id"] for e in visit.api("events", party=["JPN", "USA"], limit=PAGE)["data"]]
    _screenshot(visit, "timeline")


def test_the_search_box_filters_the_events(visit: Visit) -> None:
    visit.go("")
    _ready_network(visit)
    visit.page.fill("#search-q", "Tomahawk")
    visit.page.press("#search-q", "Enter")
    visit.routed("#/events?q=Tomahawk")
    found = visit.api("events", q="Tomahawk", limit=PAGE)
    assert visit.rows() == [e["id"] for e in found["data"]]
    assert 1 <= found["count"] < visit.api("events", limit=1)["count"]
    assert visit.page.url.endswith("#/events?q=Tomahawk")
    assert visit.page.locator(".events-panel .count").inner_text().startswith(f"{found['count']} events")


def test_the_slider_replays_the_network_and_marks_new_partnerships(visit: Visit) -> None:
    visit.go("")
    _ready_network(visit)
    timeline = visit.api("timeline")
    first, last = timeline["data"][0]["month"], timeline["data"][-1]["month"]
    everything = _network_state(visit)
    visit.page.focus("#month")
    visit.page.keyboard.press("Home")
    _ready_network(visit, first)
    early = visit.api("graph", until=first, limit=MAX_EDGES)
    state = _network_state(visit)
    assert state["edges"] == sorted(_edge_id(e) for e in early["data"])
    assert 0 < len(state["edges"]) < len(everything["edges"])
    # new partnerships: edges first seen in the three months up to the slider's month
    assert state["fresh"] == sorted(_edge_id(e) for e in early["data"] if (e["first_seen"] or "")[:7] == first)
    assert state["fresh"] and visit.page.locator("#new-partnerships li button").count() == len(state["fresh"])
    assert visit.page.url.endswith(f"until={first}")
    visit.page.keyboard.press("End")
    _ready_network(visit)
    assert _network_state(visit)["edges"] == everything["edges"]
    window = _months_before(last, 2)  # the three months up to the last
    recent = [_edge_id(e) for e in visit.api("graph", limit=MAX_EDGES)["data"]
              if window <= (e["first_seen"] or "")[:7] <= last]
    assert _network_state(visit)["fresh"] == sorted(recent) and recent  # the K2 deal, first seen in the last month


def _months_before(month: str, n: int) -> str:
    year, number = map(int, month.split("-"))
    index = year * 12 + number - 1 - n
    return f"{index // 12}-{index % 12 + 1:02d}"


def test_the_type_and_status_filters_redraw_the_network(visit: Visit) -> None:
    visit.go("")
    _ready_network(visit)
    visit.page.select_option("#network-filters select[name='type']", "meeting")
    visit.routed("?type=meeting&window=3")
    _ready_network(visit)
    meetings = visit.api("graph", type="meeting", limit=MAX_EDGES)
    assert _network_state(visit)["edges"] == sorted(_edge_id(e) for e in meetings["data"]) and meetings["data"]
    visit.page.select_option("#network-filters select[name='status']", "completed")
    visit.routed("?type=meeting&status=completed&window=3")
    _ready_network(visit)
    completed = visit.api("graph", type="meeting", status="completed", limit=MAX_EDGES)
    assert _network_state(visit)["edges"] == sorted(_edge_id(e) for e in completed["data"])
    assert len(completed["data"]) < len(meetings["data"])


def test_docs_render_swagger_ui_from_the_server_alone(visit: Visit) -> None:
    visit.go("docs")
    visit.page.wait_for_selector(".swagger-ui .opblock-summary-path")
    paths = visit.page.locator(".opblock-summary-path").all_inner_texts()
    assert {"/api/events", "/api/graph", "/api/timeline", "/api/vocabulary"} <= {p.strip() for p in paths}
    assert any(urlsplit(u).path == "/static/vendor/swagger-ui/swagger-ui-bundle.js" for u in visit.requests)


def test_every_view_loads_from_the_server_alone(visit: Visit) -> None:
    for where in ("", "#/events", "#/stories", "#/entities", "#/timeline", "#/entity/Joe%20Biden", "#/story/x"):
        visit.go(where)
        if where:
            visit.page.wait_for_selector("main .paged[data-state='ready'], main .error")
    assert visit.page.locator("main .error").inner_text() == "404: no story 'x'; /api/stories lists them"
    visit.errors.clear()  # the browser's own report of the 404
    assert len(visit.requests) > 20 and all(u.startswith(visit.base) for u in visit.requests)


def test_hostile_markup_in_an_article_is_shown_as_text_and_never_runs(visit: Visit) -> None:
    [event] = visit.api("events", party=["KOR", "POL"])["data"]
    visit.go("#/events?party=KOR&party=POL")
    assert visit.rows() == [event["id"]]
    assert IMG in visit.page.locator("tr.event-row td.outlets").inner_text()
    visit.page.click("tr.event-row")
    visit.page.wait_for_selector(".evidence[data-state='ready']")
    hostile = visit.page.locator(".evidence article.source[data-doc='hostile-k2']")
    assert hostile.locator(".article-title").inner_text() == HOSTILE["title"]
    assert hostile.locator("mark").evaluate("e => e.textContent") == HOSTILE["text"]  # one sentence: all of it
    assert hostile.locator(".article-text").evaluate("e => e.textContent") == HOSTILE["text"]
    assert IMG in hostile.locator("header").inner_text()
    _no_markup_ran(visit)
    visit.go("#/stories?q=K2")
    visit.settled()
    assert HOSTILE["title"] in visit.page.locator("main table").inner_text()
    [story] = visit.api("stories", q="K2")["data"]
    visit.go(f"#/story/{story['id']}")
    visit.page.wait_for_selector(".story-columns[data-state='ready']")
    [full] = visit.api(f"stories/{story['id']}")["data"]
    assert visit.page.locator(".story-source h4").all_inner_texts() == [a["source"] for a in full["articles"]]
    assert HOSTILE["source"] in visit.page.locator(".story-source h4").all_inner_texts()
    assert HOSTILE["title"] in visit.page.locator(".story-source .article-title").all_inner_texts()
    _no_markup_ran(visit)


def _no_markup_ran(visit: Visit) -> None:
    assert visit.page.evaluate("typeof window.__pwned") == "undefined"
    assert visit.page.locator("main img, main script, main [onerror]").count() == 0
    assert visit.page.locator("a[href^='javascript']").count() == 0


def test_a_store_behind_a_read_token_asks_for_it(browser: Any, sample_repo: Repository, kb: KnowledgeBase) -> None:
    with _served(create_app(sample_repo, SETTINGS, kb=kb, read_token="s3cret")) as base, \
            _visiting(browser, base) as visit:
        visit.go("")
        visit.page.wait_for_selector("#auth:not([hidden])")
        assert visit.page.locator("main .error").inner_text().startswith("401: ")
        assert visit.errors and all("401" in e for e in visit.errors)  # the refused requests, and nothing else
        visit.errors.clear()
        visit.page.fill("#auth-token", "s3cret")
        visit.page.click("#auth button")
        _ready_network(visit)
        assert visit.page.locator("#auth").is_hidden()
        assert _network_state(visit)["nodes"] == sorted(n["id"] for n in httpx.get(
            base + "api/graph", headers={"Authorization": "Bearer s3cret"}).json()["nodes"])
        assert visit.errors == []


def test_an_empty_store_shows_empty_views(browser: Any, kb: KnowledgeBase, tmp_path: Path) -> None:
    repo = Repository.open(f"sqlite:///{tmp_path / 'empty.db'}")
    try:
        with _served(create_app(repo, SETTINGS, kb=kb)) as base, _visiting(browser, base) as visit:
            visit.go("")
            _ready_network(visit)
            assert visit.page.locator("#network-status").inner_text().startswith("all events (dated or not): 0 events")
            assert _network_state(visit) == {"nodes": [], "edges": [], "fresh": []}
            for where in ("#/events", "#/stories", "#/timeline?party=JPN"):
                visit.go(where)
                visit.settled()
                assert [c.startswith("No ") for c in visit.page.locator(".paged .count").all_inner_texts()] == [
                    True] * (2 if "timeline" in where else 1)
            assert visit.errors == []
    finally:
        repo.close()
