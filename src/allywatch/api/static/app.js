/* allywatch dashboard: one page over the read API (/api/...), routed by the URL's hash.
 *
 * Every value from the store, article text included, enters the page as text (textContent, text nodes,
 * createElement): never as markup. Links to sources are made only of http(s) URLs. Lists are paged by the
 * server (limit/offset); the network draws the heaviest edges only and says so.
 */
"use strict";

(function () {
  const API = "api/";
  const PAGE = 25;                // rows of a table page
  const MAX_EDGES = 300;          // edges the network draws (the heaviest)
  const MAX_NODES = 200;          // parties the network draws (those in most events)
  const STORY_COLUMNS = 4;        // sources side by side on a story page
  const MAX_EVIDENCE_SOURCES = 10;
  const MAX_STORY_EVENTS = 100;
  const TIMELINE_PAGE = 240;      // months of a timeline page
  const WINDOWS = [1, 3, 6, 12, 24];
  const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
    "#bcbd22", "#393b79", "#637939", "#7f7f7f", "#843c39", "#ad494a"];
  const DIRECTIONS = [["supplier", "recipient"], ["provider", "owner"], ["actor", "target"]];
  const TOKEN_KEY = "allywatch-token";

  const view = document.getElementById("view");
  let generation = 0;             // bumped on every route: answers meant for an older view are dropped
  let vocabulary = null;
  let network = null;             // the cytoscape instance while the network view is shown

  // ---- building the page: values go in as text only ----------------------------------------------------------

  function h(tag, props, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") el.className = value;
      else if (key === "text") el.textContent = String(value);
      else if (key === "dataset") Object.assign(el.dataset, value);
      else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
      else el.setAttribute(key, String(value));
    }
    return add(el, children);
  }

  /** ``el`` with ``children`` instead of what it held. */
  function fill(el, ...children) {
    el.replaceChildren();
    return add(el, children);
  }

  function add(el, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return el;
  }

  const SVG = "http://www.w3.org/2000/svg";

  function s(tag, attrs, ...children) {
    const el = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === "text") el.textContent = String(value);
      else el.setAttribute(key, String(value));
    }
    return add(el, children);
  }

  /** A link out to a source, for http(s) URLs only (a javascript: URL stays text). */
  function external(url, label) {
    if (typeof url !== "string" || !/^https?:\/\//i.test(url.trim())) return null;
    let href;
    try {
      href = new URL(url.trim()).href;
    } catch (err) {
      return null;
    }
    return h("a", {href, class: "external", target: "_blank", rel: "noopener noreferrer nofollow"}, label || href);
  }

  function hashOf(name, arg, params) {
    let hash = "#/" + name;
    if (arg !== undefined && arg !== null) hash += "/" + encodeURIComponent(arg);
    const query = searchParams(params).toString();
    return query ? hash + "?" + query : hash;
  }

  function link(text, name, arg, params) {
    return h("a", {href: hashOf(name, arg, params)}, text);
  }

  function searchParams(params) {
    const out = new URLSearchParams();
    for (const [key, value] of Object.entries(params || {})) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (item !== null && item !== undefined && item !== "") out.append(key, String(item));
      }
    }
    return out;
  }

  function number(n) {
    return Number(n || 0).toLocaleString("en");
  }

  function plural(n, noun) {
    return `${number(n)} ${noun}${Number(n) === 1 ? "" : "s"}`;
  }

  function typeColor(type) {
    const types = vocabulary ? vocabulary.type : [];
    const at = types.indexOf(type);
    return at < 0 ? "#555555" : PALETTE[at % PALETTE.length];
  }

  function swatch(type) {
    const el = h("span", {class: "swatch", "aria-hidden": "true"});
    el.style.backgroundColor = typeColor(type);
    return el;
  }

  function errorBox(err) {
    return h("p", {class: "error", role: "alert"}, err instanceof ApiError ? err.message : "Error: " + err);
  }

  // ---- the API -----------------------------------------------------------------------------------------------

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  async function api(path, params) {
    const query = searchParams(params).toString();
    const headers = {Accept: "application/json"};
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) headers.Authorization = "Bearer " + token;
    const response = await fetch(API + path + (query ? "?" + query : ""), {headers, credentials: "same-origin"});
    let body = null;
    try {
      body = await response.json();
    } catch (err) {
      body = null;
    }
    if (response.status === 401) document.getElementById("auth").hidden = false;
    if (!response.ok) {
      const detail = body && typeof body.detail === "string" ? body.detail : response.statusText;
      throw new ApiError(response.status, response.status + ": " + detail);
    }
    return body;
  }

  async function loadVocabulary() {
    if (!vocabulary) {
      const body = await api("vocabulary");
      vocabulary = Object.fromEntries(body.data.map((item) => [item.name, item.values]));
    }
    return vocabulary;
  }

  // ---- routing -----------------------------------------------------------------------------------------------

  function parseHash() {
    const raw = location.hash.replace(/^#\/?/, "");
    const cut = raw.indexOf("?");
    const path = cut < 0 ? raw : raw.slice(0, cut);
    const params = new URLSearchParams(cut < 0 ? "" : raw.slice(cut + 1));
    const slash = path.indexOf("/");
    let arg = null;
    if (slash >= 0) {
      try {
        arg = decodeURIComponent(path.slice(slash + 1));
      } catch (err) {
        arg = path.slice(slash + 1);
      }
    }
    return {name: (slash < 0 ? path : path.slice(0, slash)) || "network", arg, params};
  }

  const ROUTES = {
    network: showNetwork, events: showEvents, stories: showStories, story: showStory,
    entities: showEntities, entity: showEntity, timeline: showTimeline,
  };

  function route() {
    generation += 1;
    const mine = generation;
    const live = () => mine === generation;
    if (network) {
      network.destroy();
      network = null;
      window.allywatch.network = null;
    }
    const where = parseHash();
    view.replaceChildren();
    view.dataset.view = where.name;
    view.dataset.hash = location.hash;  // the address the view was made for (the network adds its state later)
    for (const a of document.querySelectorAll("#nav a[data-view]")) {
      a.classList.toggle("active", a.dataset.view === where.name || a.dataset.view + "s" === where.name);
    }
    const show = ROUTES[where.name];
    if (!show) {
      view.append(h("p", {class: "error"}, "No such page: ", where.name));
      return;
    }
    Promise.resolve()
      .then(() => show(where, live))
      .catch((err) => {
        if (live()) view.append(errorBox(err));
      });
  }

  // ---- paged lists -------------------------------------------------------------------------------------------

  /** A list the server pages: ``fetchPage(offset, limit)`` answers {data, count}; ``render(rows, page)`` draws one. */
  function paged(fetchPage, render, [one, many], size) {
    const limit = size || PAGE;
    const box = h("section", {class: "paged", dataset: {state: "loading", offset: "0"}});
    const info = h("p", {class: "count"});
    const body = h("div", {class: "page-body"});
    const prev = h("button", {type: "button", class: "prev", text: "◀ Previous"});
    const next = h("button", {type: "button", class: "next", text: "Next ▶"});
    const where = h("span", {class: "page-of"});
    let offset = 0;
    let loads = 0;

    async function load() {
      loads += 1;
      const mine = loads;
      box.dataset.state = "loading";
      prev.disabled = next.disabled = true;
      try {
        const page = await fetchPage(offset, limit);
        if (mine !== loads) return;
        body.replaceChildren(render(page.data, page));
        const last = Math.min(offset + page.data.length, page.count);
        info.textContent = page.count
          ? `${number(page.count)} ${page.count === 1 ? one : many} · showing ${number(offset + 1)}–${number(last)}`
          : `No ${many}.`;
        const pages = Math.max(1, Math.ceil(page.count / limit));
        where.textContent = `page ${number(Math.floor(offset / limit) + 1)} of ${number(pages)}`;
        prev.disabled = offset === 0;
        next.disabled = offset + limit >= page.count;
        box.dataset.offset = String(offset);
        box.dataset.count = String(page.count);
        box.dataset.state = "ready";
      } catch (err) {
        if (mine !== loads) return;
        body.replaceChildren(errorBox(err));
        box.dataset.state = "error";
      }
    }

    prev.addEventListener("click", () => {
      offset = Math.max(0, offset - limit);
      load();
    });
    next.addEventListener("click", () => {
      offset += limit;
      load();
    });
    add(box, [info, body, h("div", {class: "pager"}, prev, where, next)]);
    load();
    return box;
  }

  function table(headers, rows, className) {
    return h("table", {class: className || ""},
      h("thead", {}, h("tr", {}, headers.map((name) => h("th", {scope: "col", text: name})))),
      h("tbody", {}, rows));
  }

  // ---- events and their evidence -----------------------------------------------------------------------------

  function partiesText(event) {
    const roles = event.roles || {};
    for (const [from, to] of DIRECTIONS) {
      if (roles[from] && roles[to] && roles[from] !== roles[to]) {
        const others = event.participants.filter((p) => p !== roles[from] && p !== roles[to]);
        const rest = others.length ? " · " + others.join(" · ") : "";
        return `${roles[from]} → ${roles[to]} (${from} → ${to})${rest}`;
      }
    }
    const byParty = {};
    for (const [role, party] of Object.entries(roles)) {
      if (role !== "party") (byParty[party] = byParty[party] || []).push(role);
    }
    return event.participants.map((p) => (byParty[p] ? `${p} (${byParty[p].join(", ")})` : p)).join(" · ");
  }

  function outletsOf(event) {
    return [...new Set((event.sources || []).map((source) => source.outlet || source.doc))];
  }

  function amountText(amount) {
    if (!amount) return "";
    if (typeof amount !== "object") return String(amount);
    return amount.text || `${amount.value} ${amount.currency || ""}`.trim();
  }

  /** The events of a page as a table; a row (click or Enter) shows its evidence in ``evidence``. */
  function eventRows(events, evidence) {
    const rows = events.map((event) => {
      const outlets = outletsOf(event);
      const row = h("tr", {tabindex: "0", class: "event-row", dataset: {eventId: String(event.id)}},
        h("td", {class: "type"}, swatch(event.type), event.type),
        h("td", {class: "parties"}, partiesText(event)),
        h("td", {class: "status"}, event.status),
        h("td", {class: "item"}, event.item),
        h("td", {class: "program"}, event.program || ""),
        h("td", {class: "first-seen"}, event.first_seen || "undated"),
        h("td", {class: "last-seen"}, event.last_seen || ""),
        h("td", {class: "outlets", title: outlets.join(", ")},
          `${event.outlets}: ${outlets.slice(0, 3).join(", ")}${outlets.length > 3 ? " …" : ""}`));
      const open = () => {
        for (const other of row.parentNode.children) other.classList.remove("selected");
        row.classList.add("selected");
        showEvidence(event, evidence);
      };
      row.addEventListener("click", open);
      row.addEventListener("keydown", (e) => {
        if (e.key === "Enter") open();
      });
      return row;
    });
    return table(["Type", "Parties and direction", "Status", "Item", "Programme", "First seen", "Last seen",
      "Outlets"], rows, "events");
  }

  /** A panel: a title, the events ``fetchPage`` pages through, and the evidence of the row opened. */
  function eventsPanel(title, fetchPage, extra) {
    const evidence = h("section", {class: "evidence", "aria-live": "polite"});
    return h("section", {class: "events-panel"},
      h("h3", {}, title), extra || null,
      paged(fetchPage, (events) => eventRows(events, evidence), ["event", "events"]),
      evidence);
  }

  function apiEvents(params) {
    return (offset, limit) => api("events", {...params, limit, offset});
  }

  /** The index of each code point: offsets from the store count code points, JavaScript strings UTF-16 units. */
  function codeUnits(text) {
    const units = [0];
    let at = 0;
    for (const ch of text) {
      at += ch.length;
      units.push(at);
    }
    return units;
  }

  /** The article's text with the evidence spans marked; everything as text nodes. */
  function markedText(text, spans) {
    const units = codeUnits(text);
    const length = units.length - 1;
    const box = h("div", {class: "article-text", tabindex: "0"});
    const ordered = spans
      .filter((span) => Number.isInteger(span.start) && Number.isInteger(span.end) &&
        span.start >= 0 && span.start < span.end && span.end <= length)
      .sort((a, b) => a.start - b.start);
    let at = 0;
    for (const span of ordered) {
      if (span.start < at) continue;  // overlapping a span already marked
      box.append(text.slice(units[at], units[span.start]));
      box.append(h("mark", {class: "evidence-span", dataset: {start: String(span.start), end: String(span.end)}},
        text.slice(units[span.start], units[span.end])));
      at = span.end;
    }
    box.append(text.slice(units[at]));
    return box;
  }

  async function showEvidence(event, box) {
    box.dataset.state = "loading";
    box.dataset.eventId = String(event.id);
    const sources = (event.sources || []).slice(0, MAX_EVIDENCE_SOURCES);
    const blocks = sources.map((source) => {
      const block = h("article", {class: "source", dataset: {doc: source.doc}});
      block.append(h("header", {},
        h("strong", {}, source.outlet || source.doc), " · ", source.published || "undated",
        source.status ? ` · ${source.status}` : "", source.date ? ` · date ${source.date}` : "",
        source.amount ? ` · ${amountText(source.amount)}` : "", " ",
        external(source.url, "source ↗")));
      return block;
    });
    fill(box,
      h("h4", {}, `Evidence for ${event.type}: ${partiesText(event)} — ${event.item}`),
      event.story ? h("p", {}, "Story: ", link(event.story, "story", event.story)) : null,
      event.sources.length > sources.length
        ? h("p", {class: "note"}, `The first ${sources.length} of ${event.sources.length} sources.`) : null,
      blocks);
    const mine = box.dataset.eventId;
    await Promise.all(sources.map(async (source, i) => {
      const block = blocks[i];
      try {
        const found = await api("articles/" + encodeURIComponent(source.doc));
        if (box.dataset.eventId !== mine) return;
        const spans = source.evidence || [];
        const holds = (a) => {
          const units = codeUnits(a.text || "");
          return spans.every((span) => a.text.slice(units[span.start], units[span.end]) === span.text);
        };
        const article = found.data.find(holds) || found.data[0];
        if (article.title) block.append(h("p", {class: "article-title"}, article.title));
        const text = markedText(article.text || "", spans);
        block.append(text);
        const first = text.querySelector("mark");
        if (first) text.scrollTop = Math.max(0, first.offsetTop - text.offsetTop - 40);
      } catch (err) {
        block.append(errorBox(err));
        for (const span of source.evidence || []) block.append(h("blockquote", {}, span.text));
      }
    }));
    if (box.dataset.eventId === mine) box.dataset.state = "ready";
  }

  // ---- the cooperation network -------------------------------------------------------------------------------

  function monthsBetween(first, last) {
    const out = [];
    let [year, month] = first.split("-").map(Number);
    const [endYear, endMonth] = last.split("-").map(Number);
    while (year < endYear || (year === endYear && month <= endMonth)) {
      out.push(`${year}-${String(month).padStart(2, "0")}`);
      month += 1;
      if (month > 12) {
        month = 1;
        year += 1;
      }
    }
    return out;
  }

  async function monthRange(filters) {
    const first = await api("timeline", {...filters, limit: 1});
    if (!first.count) return [];
    const last = first.count > 1 ? await api("timeline", {...filters, limit: 1, offset: first.count - 1}) : first;
    return monthsBetween(first.data[0].month, last.data[0].month);
  }

  function select(name, label, values, chosen, blank) {
    return h("label", {}, label + " ",
      h("select", {name}, h("option", {value: "", text: blank}),
        values.map((value) => h("option", {value, selected: value === chosen ? "selected" : null, text: value}))));
  }

  async function showNetwork(where, live) {
    const params = where.params;
    const vocab = await loadVocabulary();
    const filters = {type: params.get("type") || null, status: params.get("status") || null};
    const windowMonths = WINDOWS.includes(Number(params.get("window"))) ? Number(params.get("window")) : 3;
    const months = await monthRange(filters);
    if (!live()) return;

    const form = h("form", {class: "filters", id: "network-filters"},
      select("type", "Type", vocab.type, filters.type, "all types"),
      select("status", "Status", vocab.status, filters.status, "all statuses"),
      h("label", {}, "New partnerships: first seen in the last ",
        h("select", {name: "window"}, WINDOWS.map((n) => h("option", {
          value: String(n), selected: n === windowMonths ? "selected" : null, text: `${n} month${n > 1 ? "s" : ""}`,
        })))));
    form.addEventListener("change", () => {
      const data = new FormData(form);
      location.hash = hashOf("network", null, {type: data.get("type"), status: data.get("status"),
        window: data.get("window")});
    });
    const slider = h("input", {type: "range", id: "month", min: "0", max: String(months.length),
      value: String(months.length), step: "1", "aria-label": "Show the network up to this month"});
    const until = params.get("until");
    if (until && months.includes(until)) slider.value = String(months.indexOf(until));
    const sliderLabel = h("output", {id: "month-label", for: "month"});
    const status = h("p", {id: "network-status", class: "status", dataset: {state: "loading"}});
    const container = h("div", {id: "network", role: "img",
      "aria-label": "Cooperation network: parties as nodes, events between them as edges"});
    const fresh = h("ul", {id: "new-partnerships"});
    const parties = h("ul", {id: "parties", class: "parties"});
    const events = h("div", {id: "network-events"});
    const legend = h("ul", {class: "legend"}, vocab.type.map((type) => h("li", {}, swatch(type), type)),
      h("li", {class: "new-key"}, h("span", {class: "swatch new", "aria-hidden": "true"}), "new partnership"));
    view.append(
      h("h2", {}, "Cooperation network"),
      h("p", {class: "help"}, "Parties are nodes; an edge joins two parties taking part in events of one type " +
        "(colour: type; width: how many events). Move the slider to replay how the network grew; click a party " +
        "or an edge for its events."),
      form,
      h("div", {class: "slider"}, h("label", {for: "month"}, "Events up to "), slider, sliderLabel),
      status, legend,
      h("div", {class: "network-wrap"}, container,
        h("aside", {}, h("h3", {}, "New partnerships"), fresh, h("h3", {}, "Parties"), parties)),
      events);

    const monthAt = (i) => (i >= months.length ? null : months[i]);
    const describeMonth = (i) => (monthAt(i) ? monthAt(i) : "all events (dated or not)");
    sliderLabel.textContent = describeMonth(Number(slider.value));

    function openEvents(title, params2) {
      const chosen = monthAt(Number(slider.value));
      const query = {...filters, ...params2, until: chosen};
      events.replaceChildren(eventsPanel(title, apiEvents(query),
        h("p", {class: "note"}, "Filters: ", Object.entries(query).filter(([, v]) => v && v.length)
          .map(([k, v]) => `${k}=${[].concat(v).join("+")}`).join(", "), " · ",
        link("open as a page", "events", null, query))));
      events.scrollIntoView({block: "nearest"});
    }

    // Positions come from the whole graph, so that parties keep their place while the slider replays it.
    const whole = await api("graph", {...filters, limit: MAX_EDGES});
    if (!live()) return;
    const positions = layoutPositions(whole);
    network = cytoscape({
      container, elements: [], minZoom: 0.2, maxZoom: 4, boxSelectionEnabled: false,
      style: [
        {selector: "node", style: {
          "label": "data(id)", "width": "data(size)", "height": "data(size)", "background-color": "#4a6fa5",
          "color": "#1a1a1a", "font-size": 11, "text-valign": "center", "text-halign": "center",
          "text-outline-color": "#ffffff", "text-outline-width": 2}},
        {selector: "edge", style: {
          "line-color": "data(color)", "width": "data(width)", "curve-style": "bezier", "opacity": 0.75,
          "control-point-step-size": 12}},
        {selector: "edge.new", style: {
          "opacity": 1, "line-outline-width": 4, "line-outline-color": "#ffbf00", "z-index": 10}},
        {selector: ":selected", style: {"border-width": 3, "border-color": "#000000", "overlay-opacity": 0.15}},
      ],
    });
    window.allywatch.network = network;
    network.on("tap", "node", (e) => {
      const id = e.target.id();
      openEvents(`Events of ${e.target.data("name") || id} (${id})`, {party: [id]});
    });
    network.on("tap", "edge", (e) => {
      const d = e.target.data();
      openEvents(`${d.type} events of ${d.source} and ${d.target}`, {party: [d.source, d.target], type: d.type});
    });

    let draws = 0;
    async function draw() {
      draws += 1;
      const mine = draws;
      const index = Number(slider.value);
      const chosen = monthAt(index);
      status.dataset.state = "loading";
      status.textContent = `Loading the network: ${describeMonth(index)}…`;
      const graph = chosen === null ? whole : await api("graph", {...filters, until: chosen, limit: MAX_EDGES});
      if (mine !== draws || !live()) return;
      const end = chosen || months[months.length - 1] || null;
      const start = end ? months[Math.max(0, months.indexOf(end) - windowMonths + 1)] : null;
      const isNew = (edge) => Boolean(edge.first_seen && start && edge.first_seen.slice(0, 7) >= start &&
        edge.first_seen.slice(0, 7) <= end);
      render(graph, isNew, positions);
      const shownNew = network.edges(".new");
      fresh.replaceChildren(...shownNew.map((edge) => {
        const d = edge.data();
        return h("li", {}, h("button", {type: "button", class: "linkish", onclick: () =>
          openEvents(`${d.type} events of ${d.source} and ${d.target}`, {party: [d.source, d.target], type: d.type}),
        }, swatch(d.type), `${d.source}–${d.target} ${d.type}, first seen ${d.first_seen}`));
      }));
      if (!shownNew.length) fresh.append(h("li", {class: "note"}, "none in this window"));
      parties.replaceChildren(...network.nodes().sort((a, b) => b.data("events") - a.data("events")).map((node) =>
        h("li", {}, h("button", {type: "button", class: "linkish", onclick: () =>
          openEvents(`Events of ${node.data("name") || node.id()} (${node.id()})`, {party: [node.id()]}),
        }, `${node.id()} ${node.data("name") || ""} · ${plural(node.data("events"), "event")}`))));
      const edgesNote = graph.count > graph.data.length
        ? `the ${number(graph.data.length)} heaviest of ${number(graph.count)} edges`
        : plural(graph.count, "edge");
      const nodesNote = graph.nodes.length > MAX_NODES
        ? `the ${MAX_NODES} parties in most events of ${number(graph.nodes.length)}`
        : `${number(graph.nodes.length)} part${graph.nodes.length === 1 ? "y" : "ies"}`;
      status.textContent = `${describeMonth(index)}: ${plural(graph.events, "event")}; showing ${edgesNote} and ` +
        `${nodesNote}; ${shownNew.length} new partnership${shownNew.length === 1 ? "" : "s"}` +
        (start ? ` first seen ${start} to ${end}` : "") + ".";
      status.dataset.until = chosen || "all";
      status.dataset.edges = String(network.edges().length);
      status.dataset.nodes = String(network.nodes().length);
      status.dataset.state = "ready";
      const state = {...filters, window: windowMonths, until: chosen};
      history.replaceState(null, "", hashOf("network", null, state));
    }

    let pending = null;
    slider.addEventListener("input", () => {
      sliderLabel.textContent = describeMonth(Number(slider.value));
      clearTimeout(pending);
      pending = setTimeout(draw, 150);  // replaying by dragging: one request once the slider rests
    });
    slider.addEventListener("change", () => {
      clearTimeout(pending);
      draw();
    });
    await draw();
  }

  function graphElements(graph, isNew) {
    const nodes = [...graph.nodes].sort((a, b) => b.events - a.events || (a.id < b.id ? -1 : 1)).slice(0, MAX_NODES);
    const kept = new Set(nodes.map((n) => n.id));
    const most = Math.max(1, ...nodes.map((n) => n.events));
    const heaviest = Math.max(1, ...graph.data.map((e) => e.weight));
    const elements = nodes.map((n) => ({group: "nodes", data: {
      id: n.id, name: n.name, events: n.events, size: Math.round(18 + 30 * Math.sqrt(n.events / most))}}));
    for (const e of graph.data) {
      if (!kept.has(e.source) || !kept.has(e.target)) continue;
      elements.push({group: "edges", classes: isNew && isNew(e) ? "new" : "", data: {
        id: `${e.source}|${e.target}|${e.type}`, source: e.source, target: e.target, type: e.type,
        weight: e.weight, first_seen: e.first_seen, color: typeColor(e.type),
        width: Math.round(10 * (1 + 9 * Math.sqrt(e.weight / heaviest))) / 10}});
    }
    return elements;
  }

  /** Where each party of ``graph`` stands: a force-directed layout started from a circle (parties in most events
   * first), so the same graph is always drawn the same way. */
  function layoutPositions(graph) {
    const elements = graphElements(graph);
    const nodes = elements.filter((el) => el.group === "nodes");
    nodes.forEach((el, i) => {
      const angle = (2 * Math.PI * i) / Math.max(1, nodes.length);
      el.position = {x: 450 + 300 * Math.cos(angle), y: 300 + 300 * Math.sin(angle)};
    });
    const scratch = cytoscape({headless: true, elements,
      style: [{selector: "node", style: {width: "data(size)", height: "data(size)"}}]});
    scratch.layout({name: "cose", randomize: false, animate: false, fit: false, numIter: 1500,
      nodeRepulsion: () => 600000, idealEdgeLength: () => 90, edgeElasticity: () => 80, nodeOverlap: 8}).run();
    const positions = new Map(scratch.nodes().map((node) => [node.id(), {...node.position()}]));
    scratch.destroy();
    return positions;
  }

  function render(graph, isNew, positions) {
    const elements = graphElements(graph, isNew);
    let spare = 0;
    for (const el of elements) {
      if (el.group !== "nodes") continue;
      el.position = positions.get(el.data.id) || {x: 950 + 40 * (spare % 4), y: 40 * Math.floor(spare++ / 4)};
    }
    network.batch(() => {
      network.elements().remove();
      network.add(elements);
    });
    network.fit(undefined, 30);
  }

  // ---- events, stories, entities -----------------------------------------------------------------------------

  async function showEvents(where, live) {
    const p = where.params;
    const vocab = await loadVocabulary();
    if (!live()) return;
    const query = {q: p.get("q"), party: p.getAll("party"), type: p.get("type"), status: p.get("status"),
      since: p.get("since"), until: p.get("until"), program: p.get("program")};
    document.getElementById("search-q").value = query.q || "";
    const form = h("form", {class: "filters", id: "event-filters"},
      h("label", {}, "Words ", h("input", {name: "q", type: "search", value: query.q || "", maxlength: "500"})),
      h("label", {}, "Parties ", h("input", {name: "party", value: query.party.join(" "), size: "12",
        placeholder: "JPN USA"})),
      select("type", "Type", vocab.type, query.type, "all types"),
      select("status", "Status", vocab.status, query.status, "all statuses"),
      h("label", {}, "Since ", h("input", {name: "since", value: query.since || "", size: "10",
        placeholder: "YYYY-MM"})),
      h("label", {}, "Until ", h("input", {name: "until", value: query.until || "", size: "10",
        placeholder: "YYYY-MM"})),
      h("label", {}, "Programme ", h("input", {name: "program", value: query.program || "", size: "12"})),
      h("button", {type: "submit", text: "Filter"}));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const data = new FormData(form);
      location.hash = hashOf("events", null, {q: data.get("q"), party: String(data.get("party")).split(/[\s,]+/),
        type: data.get("type"), status: data.get("status"), since: data.get("since"), until: data.get("until"),
        program: data.get("program")});
    });
    view.append(h("h2", {}, "Events"), form, eventsPanel(query.q ? `Events matching “${query.q}”` : "All events",
      apiEvents(query)));
  }

  async function showStories(where, live) {
    const q = where.params.get("q") || "";
    const form = h("form", {class: "filters"},
      h("label", {}, "Title words ", h("input", {name: "q", type: "search", value: q})),
      h("button", {type: "submit", text: "Filter"}));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      location.hash = hashOf("stories", null, {q: new FormData(form).get("q")});
    });
    view.append(h("h2", {}, "Stories"), form, paged((offset, limit) => api("stories", {q, limit, offset}),
      (stories) => table(["Story", "First seen", "Last seen", "Articles", "Outlets"], stories.map((story) =>
        h("tr", {}, h("td", {}, link(story.title || story.id, "story", story.id)), h("td", {}, story.first_seen || ""),
          h("td", {}, story.last_seen || ""), h("td", {}, story.articles), h("td", {}, story.outlets)))),
      ["story", "stories"]));
  }

  async function showEntities(where, live) {
    const vocab = await loadVocabulary();
    if (!live()) return;
    const q = where.params.get("q") || "";
    const type = where.params.get("type") || "";
    const form = h("form", {class: "filters"},
      h("label", {}, "Name ", h("input", {name: "q", type: "search", value: q})),
      select("type", "Type", vocab.entity_type, type, "all types"),
      h("button", {type: "submit", text: "Filter"}));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const data = new FormData(form);
      location.hash = hashOf("entities", null, {q: data.get("q"), type: data.get("type")});
    });
    view.append(h("h2", {}, "Entities"), form, paged((offset, limit) => api("entities", {q, type, limit, offset}),
      (entities) => table(["Name", "Type", "Party", "Articles"], entities.map((entity) =>
        h("tr", {}, h("td", {}, link(entity.name, "entity", entity.name)), h("td", {}, entity.type),
          h("td", {}, entity.party || ""), h("td", {}, entity.articles)))),
      ["entity", "entities"]));
  }

  function dateValue(text) {
    const at = text.lastIndexOf("=");
    return at < 0 ? text : text.slice(at + 1);
  }

  /** Values as a list; those some other source on the page does not give are marked as differing. */
  function compared(values, key, others) {
    if (!values.length) return h("p", {class: "none", text: "none"});
    return h("ul", {class: "values"}, values.map((value) => {
      const differs = others.length > 1 && others.some((set) => !set.has(key(value)));
      return h("li", {class: differs ? "differs" : "", title: differs ? "not given by every source here" : null},
        differs ? h("span", {class: "badge", text: "≠"}) : null, value);
    }));
  }

  async function showStory(where, live) {
    const found = await api("stories/" + encodeURIComponent(where.arg || ""));
    if (!live()) return;
    const story = found.data[0];
    view.append(h("h2", {}, story.title || story.id),
      h("p", {class: "meta"}, `Story ${story.id} · first seen ${story.first_seen || "undated"} · last seen ` +
        `${story.last_seen || "undated"} · ${story.outlets} outlet${story.outlets === 1 ? "" : "s"} · ` +
        `${story.articles.length} article${story.articles.length === 1 ? "" : "s"}`));
    const conflicts = [];
    for (const c of story.conflicts || []) {
      conflicts.push(c.field === "conversion rate"
        ? `${c.of} in ${c.doc}: ${c.values.join("; ")}`
        : `${c.field} of ${c.of}: given as ${c.values.join(" and as ")}`);
    }
    for (const event of story.events) {
      for (const c of event.conflicts || []) {
        conflicts.push(`${event.type} (${event.participants.join(", ")}) ${c.field}: ` +
          c.values.map((v) => `${v.value} (${v.docs.join(", ")})`).join(" vs "));
      }
    }
    view.append(h("section", {class: "conflicts"}, h("h3", {}, "Conflicts"), conflicts.length
      ? h("ul", {}, conflicts.map((text) => h("li", {class: "conflict"}, h("span", {class: "badge", text: "conflict"}),
        " ", text)))
      : h("p", {class: "none"}, "The sources do not contradict each other.")));

    const columns = h("div", {class: "story-columns"});
    const comparison = h("div", {class: "story-events"});
    const evidence = h("section", {class: "evidence"});
    const pages = Math.ceil(story.articles.length / STORY_COLUMNS);
    let page = 0;
    const prev = h("button", {type: "button", class: "prev", text: "◀ Earlier sources"});
    const next = h("button", {type: "button", class: "next", text: "More sources ▶"});
    const which = h("span", {class: "page-of"});
    view.append(h("h3", {}, "Sources side by side"),
      h("div", {class: "pager"}, prev, which, next), columns, h("h3", {}, "Events as each source gives them"),
      comparison, evidence);

    async function showPage() {
      const articles = story.articles.slice(page * STORY_COLUMNS, (page + 1) * STORY_COLUMNS);
      which.textContent = `sources ${page * STORY_COLUMNS + 1}–${page * STORY_COLUMNS + articles.length} of ` +
        `${story.articles.length}`;
      prev.disabled = page === 0;
      next.disabled = page >= pages - 1;
      columns.dataset.state = "loading";
      const names = await Promise.all(articles.map(async (article) => {
        try {
          const full = await api("articles/" + encodeURIComponent(article.doc));
          const seen = new Set();
          for (const entity of full.data[0].entities || []) {
            if (["person", "org", "program"].includes(entity.type)) seen.add(entity.name);
          }
          return [...seen];
        } catch (err) {
          return [];
        }
      }));
      if (!live()) return;
      const figureSets = articles.map((a) => new Set((a.amounts || []).map(String)));
      const dateSets = articles.map((a) => new Set((a.dates || []).map((d) => dateValue(String(d)))));
      const nameSets = names.map((list) => new Set(list));
      columns.replaceChildren(...articles.map((article, i) => h("article", {class: "story-source",
        dataset: {doc: article.doc}},
      h("h4", {}, article.source || article.doc),
      h("p", {class: "meta"}, article.published
        ? `${article.published}${article.published_inferred ? " (the story's date)" : ""}` : "undated",
      " · ", plural(article.events, "event")),
      article.title ? h("p", {class: "article-title"}, article.title) : null,
      h("p", {}, external(article.url, "read at the source ↗") || h("span", {class: "note"}, article.doc)),
      h("h5", {}, "Figures"), compared((article.amounts || []).map(String), String, figureSets),
      h("h5", {}, "Dates"), compared((article.dates || []).map(String), dateValue, dateSets),
      h("h5", {}, "Names"), compared(names[i], String, nameSets))));
      columns.dataset.state = "ready";

      const events = story.events.slice(0, MAX_STORY_EVENTS);
      const rows = events.map((event) => {
        const conflicting = new Set((event.conflicts || []).map((c) => c.field));
        const given = articles.map((article) => (event.sources || []).find((source) => source.doc === article.doc));
        const cells = ["status", "date", "amount"].map((field) => {
          const values = new Set(given.filter(Boolean).map((source) => amountText(source[field]) || ""));
          return [field, values.size > 1];
        });
        const row = h("tr", {class: "event-row" + (conflicting.size ? " has-conflict" : ""), tabindex: "0",
          dataset: {eventId: String(event.id)}},
        h("td", {}, swatch(event.type), `${event.type}: ${partiesText(event)} — ${event.item}`,
          conflicting.size ? h("span", {class: "badge conflict", text: `conflict: ${[...conflicting].join(", ")}`})
            : null),
        given.map((source) => h("td", {class: "given"}, source ? cells.map(([field, differs]) =>
          h("div", {class: (differs ? "differs" : "") + (conflicting.has(field) ? " conflict" : "")},
            `${field}: ${amountText(source[field]) || "—"}`)) : h("span", {class: "none", text: "not reported"}))));
        row.addEventListener("click", () => showEvidence(event, evidence));
        row.addEventListener("keydown", (e) => {
          if (e.key === "Enter") showEvidence(event, evidence);
        });
        return row;
      });
      fill(comparison, table(["Event", ...articles.map((a) => a.source || a.doc)], rows, "comparison"),
        story.events.length > events.length
          ? h("p", {class: "note"}, `The first ${events.length} of ${story.events.length} events.`) : null);
    }

    prev.addEventListener("click", () => {
      page = Math.max(0, page - 1);
      showPage();
    });
    next.addEventListener("click", () => {
      page = Math.min(pages - 1, page + 1);
      showPage();
    });
    await showPage();
  }

  function officesChart(offices) {
    const today = new Date().toISOString().slice(0, 10);
    const time = (d) => Date.parse(d.length === 4 ? d + "-01-01" : d.length === 7 ? d + "-01" : d);
    const starts = offices.map((o) => time(o.start)).filter(Number.isFinite);
    const ends = offices.map((o) => time(o.end || today)).filter(Number.isFinite);
    const lo = Math.min(...starts);
    const hi = Math.max(...ends, lo + 1);
    const rows = offices.map((office) => {
      const bar = h("div", {class: "bar"});
      const start = time(office.start);
      const end = time(office.end || today);
      if (Number.isFinite(start) && Number.isFinite(end)) {
        bar.style.left = `${(100 * (start - lo)) / (hi - lo)}%`;
        bar.style.width = `${Math.max(0.5, (100 * (end - start)) / (hi - lo))}%`;
      }
      return h("tr", {class: "office"}, h("td", {}, office.office.replace(/_/g, " ")), h("td", {}, office.party),
        h("td", {}, office.start), h("td", {}, office.end || "now"), h("td", {class: "span"}, bar));
    });
    return table(["Office", "Party", "From", "To", new Date(lo).getFullYear() + "–" + new Date(hi).getFullYear()],
      rows, "offices");
  }

  async function showEntity(where, live) {
    const name = where.arg || "";
    const found = await api("entities/" + encodeURIComponent(name), {limit: 1});
    if (!live()) return;
    const entity = found.data[0];
    view.append(h("h2", {}, entity.name),
      h("p", {class: "meta"}, entity.type, entity.party ? ` · ${entity.party}` : "",
        ` · in ${entity.articles.length} article${entity.articles.length === 1 ? "" : "s"} and ` +
        `${entity.stories.length} stor${entity.stories.length === 1 ? "y" : "ies"}`));
    if (entity.type === "person") {
      view.append(h("section", {class: "offices-section"}, h("h3", {}, "Offices"), entity.offices.length
        ? officesChart(entity.offices) : h("p", {class: "none"}, "No office is known for this person.")));
    }
    const parties = Object.entries(entity.co_occurring_parties || {});
    view.append(h("section", {}, h("h3", {}, "Appears with"), h("ul", {class: "inline"}, parties.map(([code, n]) =>
      h("li", {}, link(code, "timeline", null, {party: code}), ` (${n})`)))),
    h("section", {}, h("h3", {}, "Stories"), h("ul", {class: "inline"}, entity.stories.map((id) =>
      h("li", {}, link(id, "story", id))))),
    eventsPanel("Events of its stories", async (offset, limit) => {
      const page = await api("entities/" + encodeURIComponent(name), {limit, offset});
      return {data: page.data[0].events, count: page.data[0].events_count};
    }));
  }

  // ---- timeline ----------------------------------------------------------------------------------------------

  async function showTimeline(where, live) {
    const vocab = await loadVocabulary();
    if (!live()) return;
    const p = where.params;
    const party = p.getAll("party").slice(0, 2);
    const filters = {party, type: p.get("type"), status: p.get("status")};
    const form = h("form", {class: "filters", id: "timeline-filters"},
      h("label", {}, "Party ", h("input", {name: "a", value: party[0] || "", size: "6", placeholder: "JPN"})),
      h("label", {}, "and party ", h("input", {name: "b", value: party[1] || "", size: "6", placeholder: "USA"})),
      select("type", "Type", vocab.type, filters.type, "all types"),
      select("status", "Status", vocab.status, filters.status, "all statuses"),
      h("button", {type: "submit", text: "Show"}));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const data = new FormData(form);
      location.hash = hashOf("timeline", null, {party: [data.get("a"), data.get("b")].map((v) => String(v).trim()),
        type: data.get("type"), status: data.get("status")});
    });
    const title = party.length ? `Events per month: ${party.join(" and ")}` : "Events per month: all parties";
    view.append(h("h2", {}, title), form,
      paged((offset, limit) => api("timeline", {...filters, limit, offset}), timelineChart,
        ["month with events", "months with events"], TIMELINE_PAGE),
    party.length ? eventsPanel("Their events", apiEvents(filters)) : null);
  }

  function timelineChart(rows, page) {
    const box = h("div", {class: "timeline"});
    if (!rows.length) return box;
    const byMonth = new Map(rows.map((row) => [row.month, row]));
    const months = monthsBetween(rows[0].month, rows[rows.length - 1].month);
    const most = Math.max(1, ...rows.map((row) => row.total));
    const bar = Math.max(4, Math.min(28, Math.floor(900 / months.length)));
    const height = 200;
    const width = months.length * bar + 40;
    const svg = s("svg", {class: "timeline-chart", width, height: height + 40, viewBox: `0 0 ${width} ${height + 40}`,
      role: "img", "aria-label": "Events first reported per month, by type"});
    svg.append(s("line", {x1: 30, y1: height, x2: width, y2: height, class: "axis"}),
      s("text", {x: 26, y: 12, "text-anchor": "end", class: "tick", text: String(most)}),
      s("text", {x: 26, y: height, "text-anchor": "end", class: "tick", text: "0"}));
    months.forEach((month, i) => {
      const row = byMonth.get(month);
      const x = 30 + i * bar;
      const group = s("g", {class: "month", "data-month": month, "data-total": row ? row.total : 0});
      let y = height;
      for (const [type, n] of Object.entries(row ? row.types : {})) {
        const tall = (n / most) * (height - 10);
        y -= tall;
        group.append(s("rect", {x: x + 1, y, width: bar - 2, height: tall, fill: typeColor(type), "data-type": type},
          s("title", {text: `${month} · ${type}: ${n}`})));
      }
      if (month.endsWith("-01") || i === 0) {
        group.append(s("text", {x, y: height + 16, class: "tick", text: month.slice(0, 4)}));
      }
      svg.append(group);
    });
    const types = [...new Set(rows.flatMap((row) => Object.keys(row.types)))];
    add(box, [svg, h("ul", {class: "legend"}, types.map((type) => h("li", {}, swatch(type), type)))]);
    const undated = page.undated;
    if (undated && undated.total) {
      box.append(h("p", {class: "note undated"}, `${plural(undated.total, "event")} no dated source reports: ` +
        Object.entries(undated.types).map(([type, n]) => `${type} ${n}`).join(", ")));
    }
    return box;
  }

  // ---- start -------------------------------------------------------------------------------------------------

  window.allywatch = {network: null};
  document.getElementById("search").addEventListener("submit", (e) => {
    e.preventDefault();
    const q = document.getElementById("search-q").value.trim();
    location.hash = hashOf("events", null, {q});
  });
  document.getElementById("auth").addEventListener("submit", (e) => {
    e.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, document.getElementById("auth-token").value.trim());
    document.getElementById("auth").hidden = true;
    vocabulary = null;
    route();
  });
  window.addEventListener("hashchange", route);
  route();
})();
