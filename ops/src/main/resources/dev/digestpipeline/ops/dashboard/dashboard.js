// The dashboard's page: reads the ops app's JSON and draws it. Text from the data goes in as text, never as HTML.
"use strict";

const PIPELINE_EVERY_MS = 5000;
const TRENDS_EVERY_MS = 60000;
const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/** GETs (or POSTs) JSON; a refusal throws its message, a dead backend throws a sentence saying so. */
async function call(url, options) {
  let answer;
  try {
    answer = await fetch(url, options);
  } catch (e) {
    throw new Error("the dashboard's server does not answer (is the ops app running? './digest up' starts it)");
  }
  let body = null;
  try { body = await answer.json(); } catch (e) { /* not JSON */ }
  if (!answer.ok) {
    throw new Error((body && body.error) || ("HTTP " + answer.status));
  }
  return body;
}

function show(id, message) {
  const box = $(id);
  box.textContent = message || "";
  box.hidden = !message;
}

const number = (n) => (n === null || n === undefined) ? "–" : Number(n).toLocaleString("en-US");
const rate = (r) => r >= 10 ? Math.round(r).toLocaleString("en-US") : r.toFixed(1);

function ago(iso) {
  if (!iso) return "–";
  const s = Math.round((Date.now() - Date.parse(iso)) / 1000);
  const a = Math.abs(s);
  const text = a < 60 ? a + "s" : a < 3600 ? Math.round(a / 60) + "m" : a < 86400 ? Math.round(a / 3600) + "h" : Math.round(a / 86400) + "d";
  return s >= 0 ? text + " ago" : "in " + text;
}

// ---- pipeline, sources, dead letters ----

const sparklines = {};

function drawSparkline(host, name, points) {
  const xs = points.map((p) => Date.parse(p.at) / 1000);
  const ys = points.map((p) => p.perSecond);
  const data = [xs, ys];
  if (sparklines[name] && sparklines[name].root.isConnected) {
    sparklines[name].setData(data);
    return;
  }
  if (typeof uPlot === "undefined") return;
  sparklines[name] = new uPlot({
    width: 150, height: 44, legend: { show: false }, cursor: { show: false },
    scales: { x: { time: true } }, axes: [{ show: false }, { show: false }],
    series: [{}, { stroke: "#3b5bdb", fill: "rgba(59,91,219,.12)", width: 1.5 }],
  }, data, host);
}

function stageCard(stage) {
  const up = stage.up === true ? "up" : stage.up === false ? "down" : "unknown";
  const spark = el("div", { class: "spark" });
  const card = el("div", { class: "stage", "data-stage": stage.name },
    el("h3", {}, stage.name, el("span", { class: "state " + up, "data-up": up }, up)),
    el("div", { class: "detail", title: stage.detail || "" }, stage.detail || ""),
    el("div", {}, el("span", { class: "figure total", "data-value": stage.total }, number(stage.total)), " ", el("span", { class: "muted" }, stage.unit)),
    stage.lagRecords === null ? null : el("div", {},
      "lag ", el("span", { class: "lag-records", "data-value": stage.lagRecords }, number(stage.lagRecords)),
      " records, ", el("span", { class: "lag-seconds", "data-value": stage.lagSeconds }, stage.lagSeconds === null ? "–" : stage.lagSeconds.toFixed(1)), " s"),
    el("div", {}, el("span", { class: "rate", "data-value": stage.perSecond }, rate(stage.perSecond)), "/s over the last minute"),
    spark);
  return [card, spark];
}

function renderStages(stages) {
  const host = $("stages");
  host.replaceChildren();
  for (const stage of stages) {
    const [card, spark] = stageCard(stage);
    host.append(card);
    delete sparklines[stage.name];
    drawSparkline(spark, stage.name, stage.throughput || []);
  }
}

function renderSources(sources) {
  const body = $("sources").querySelector("tbody");
  body.replaceChildren();
  $("sources-empty").hidden = sources.length > 0;
  for (const source of sources) {
    const s = { id: source.id, ...source.state };
    const failing = s.failures > 0 || (s.lastStatus !== 0 && s.lastStatus >= 400);
    body.append(el("tr", { "data-source": s.id },
      el("td", {}, s.id),
      el("td", { title: s.lastPollAt || "" }, ago(s.lastPollAt)),
      el("td", { class: failing ? "bad" : "" }, s.lastStatus === 0 ? (s.lastPollAt ? "no answer" : "–") : s.lastStatus),
      el("td", {}, s.papers < 0 ? "–" : s.papers),
      el("td", { title: s.nextDueAt || "" }, s.nextDueAt ? ago(s.nextDueAt) : "now"),
      el("td", { class: failing ? "bad" : "" },
        (s.failures > 0 ? "backing off after " + s.failures + (s.failures === 1 ? " failure" : " failures") + "; " : "") + (s.lastError || ""))));
  }
}

async function replay(stage, button) {
  button.disabled = true;
  try {
    const r = await call("/api/deadletters/replay?stage=" + encodeURIComponent(stage), { method: "POST", headers: { "X-Digest-Action": "dashboard" } });
    show("replay-result", "Replayed " + r.replayed.length + " letters of " + stage + "; " + r.alreadyReplayed + " replayed before; " + r.notReplayable.length + " cannot be.");
    refreshPipeline();
  } catch (e) {
    show("replay-result", "Replay of " + stage + " failed: " + e.message);
  } finally {
    button.disabled = false;
  }
}

function renderDeadLetters(summary) {
  $("deadletters-total").textContent = number(summary.total);
  $("deadletters-total").dataset.value = summary.total;
  $("deadletters-empty").hidden = summary.total > 0;
  const host = $("deadletters");
  host.replaceChildren();
  for (const s of summary.stages) {
    const button = el("button", { class: "replay", disabled: s.replayable === 0 ? "" : null }, "Replay " + s.replayable);
    button.addEventListener("click", () => replay(s.stage, button));
    host.append(el("div", { class: "dl-stage", "data-stage": s.stage },
      el("strong", {}, s.stage), " ", el("span", { class: "count", "data-value": s.count }, number(s.count)),
      " ", el("span", { class: "muted" }, s.replayed + " replayed"), " ", button,
      el("ul", {}, s.latest.map((l) => el("li", { title: l.id + " key " + l.key },
        el("span", { class: "muted" }, ago(l.failedAt) + ": "), l.reason, l.replayed ? " (replayed)" : "")))));
  }
}

async function refreshPipeline() {
  try {
    const snapshot = await call("/api/pipeline");
    show("banner", null);
    renderStages(snapshot.stages);
    renderSources(snapshot.sources);
    renderDeadLetters(snapshot.deadLetters);
    show("pipeline-error", snapshot.errors.length ? "Could not read everything: " + snapshot.errors.join("; ") : null);
    $("updated").textContent = "sampled " + new Date(snapshot.sampledAt).toLocaleTimeString() + ", refreshes every " + PIPELINE_EVERY_MS / 1000 + " s";
  } catch (e) {
    show("banner", e.message);
  }
}

// ---- trends ----

let trendPlot = null;
const PALETTE = ["#3b5bdb", "#e8590c", "#2f9e44", "#c2255c", "#7048e8", "#1098ad", "#f08c00", "#495057"];

async function refreshTrends() {
  const params = new URLSearchParams();
  if ($("trend-from").value) params.set("from", $("trend-from").value);
  if ($("trend-to").value) params.set("to", $("trend-to").value);
  try {
    const chart = await call("/api/trends?" + params);
    show("trends-error", null);
    if (!$("trend-from").value) $("trend-from").value = chart.from;
    if (!$("trend-to").value) $("trend-to").value = chart.to;
    const host = $("trend-chart");
    host.dataset.series = chart.series.length;
    if (trendPlot) { trendPlot.destroy(); trendPlot = null; }
    host.replaceChildren();
    if (chart.series.length === 0) {
      host.append(el("p", { class: "muted" }, "No trends in this range yet."));
      return;
    }
    const xs = chart.days.map((d) => Date.parse(d + "T00:00:00Z") / 1000);
    const data = [xs, ...chart.series.map((s) => s.papers)];
    trendPlot = new uPlot({
      width: Math.max(400, host.clientWidth || 900), height: 260,
      scales: { x: { time: true } },
      series: [{}, ...chart.series.map((s, i) => ({ label: s.tag, stroke: PALETTE[i % PALETTE.length], width: 2 }))],
    }, data, host);
  } catch (e) {
    show("trends-error", "Trends: " + e.message);
  }
}

// ---- papers ----

const search = { q: "", filters: {}, page: 0 };

function searchParams() {
  const params = new URLSearchParams();
  if (search.q) params.set("q", search.q);
  for (const [facet, values] of Object.entries(search.filters)) values.forEach((v) => params.append(facet, v));
  if (search.page) params.set("page", search.page);
  return params;
}

function toggleFilter(facet, value) {
  const values = search.filters[facet] || [];
  search.filters[facet] = values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
  if (search.filters[facet].length === 0) delete search.filters[facet];
  search.page = 0;
  runSearch();
}

function paperCard(p) {
  const tags = (p.tags || []).map((t) => el("span", { class: "tag", "data-tag": t.name, title: t.name + " " + t.score.toFixed(2) + ": " + (t.evidence || []).join(", ") }, t.name));
  const links = [];
  if (p.arxivId) links.push(el("a", { href: "https://arxiv.org/abs/" + p.arxivId, rel: "noopener" }, "arXiv " + p.arxivId));
  for (const l of p.links || []) links.push(el("a", { href: l.url, rel: "noopener", title: l.url }, l.kind));
  const similar = el("button", { class: "similar-button" }, "similar papers");
  similar.addEventListener("click", () => showSimilar(p.paperId));
  return el("div", { class: "paper", "data-paper": p.paperId },
    el("h3", {}, p.title),
    el("div", { class: "authors" }, (p.authors || []).join(", ")),
    el("div", { class: "muted" }, [p.day, p.pageKind, p.upvotes ? p.upvotes + " upvotes" : null].filter(Boolean).join(" · ")),
    el("div", { class: "abstract" }, p.abstractText),
    el("div", { class: "links" }, links, similar),
    el("div", {}, tags));
}

async function showSimilar(paperId) {
  const box = $("similar");
  try {
    const r = await call("/api/similar?id=" + encodeURIComponent(paperId));
    const close = el("button", {}, "close");
    close.addEventListener("click", () => { box.hidden = true; });
    box.replaceChildren(el("div", { class: "inline" }, el("strong", {}, "Like: " + r.paper.title), close),
      ...(r.papers.length ? r.papers.map(paperCard) : [el("p", { class: "muted" }, "No similar papers indexed.")]));
    box.hidden = false;
    box.scrollIntoView({ block: "nearest" });
  } catch (e) {
    show("search-error", "Similar papers: " + e.message);
  }
}

function renderFacets(facets) {
  const host = $("facets");
  host.replaceChildren();
  for (const [facet, buckets] of Object.entries(facets)) {
    if (!buckets.length) continue;
    const active = search.filters[facet] || [];
    host.append(el("div", { class: "facet", "data-facet": facet },
      el("h4", {}, facet),
      buckets.map((b) => {
        const button = el("button", { class: "facet-value" + (active.includes(b.value) ? " active" : ""), "data-value": b.value, type: "button" },
          el("span", {}, b.value), el("span", { class: "muted facet-count" }, b.count));
        button.addEventListener("click", () => toggleFilter(facet, b.value));
        return button;
      })));
  }
}

function renderFilters() {
  const host = $("filters");
  host.replaceChildren();
  for (const [facet, values] of Object.entries(search.filters)) {
    for (const v of values) {
      const b = el("button", { class: "filter", "data-facet": facet, "data-value": v }, facet + ": " + v + " ✕");
      b.addEventListener("click", () => toggleFilter(facet, v));
      host.append(b);
    }
  }
}

async function runSearch() {
  renderFilters();
  try {
    const r = await call("/api/papers?" + searchParams());
    show("search-error", null);
    $("results-total").textContent = number(r.total) + (r.total === 1 ? " paper" : " papers");
    $("results-total").dataset.value = r.total;
    renderFacets(r.facets);
    $("results").replaceChildren(...(r.papers.length ? r.papers.map(paperCard) : [el("p", { class: "muted" }, "No paper matches.")]));
    const pager = $("pager");
    pager.replaceChildren();
    const pages = Math.ceil(r.total / 20);
    if (search.page > 0) pager.append(el("button", { onclick: () => { search.page--; runSearch(); } }, "← previous"));
    if (pages > 1) pager.append(el("span", { class: "muted" }, "page " + (search.page + 1) + " of " + pages + " "));
    if (search.page + 1 < pages) pager.append(el("button", { onclick: () => { search.page++; runSearch(); } }, "next →"));
  } catch (e) {
    show("search-error", "Search: " + e.message);
  }
}

$("search-form").addEventListener("submit", (e) => {
  e.preventDefault();
  search.q = $("q").value.trim();
  search.page = 0;
  runSearch();
});
$("trend-form").addEventListener("submit", (e) => {
  e.preventDefault();
  refreshTrends();
});

refreshPipeline();
refreshTrends();
runSearch();
setInterval(refreshPipeline, PIPELINE_EVERY_MS);
setInterval(refreshTrends, TRENDS_EVERY_MS);
