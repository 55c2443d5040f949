// The dashboard: levers and switches drive flow runs as they move; the
// charts update in place. Agent runs, plans and sensitivity studies run
// as background jobs with progress; a finished job has a permanent page.
"use strict";

const $ = (id) => document.getElementById(id);
const fmt = (x) => (x === undefined || x === null ? "—" : Number(x).toLocaleString("en-US", { maximumFractionDigits: Math.abs(x) < 10 ? 2 : 0 }));

// api sends a request and returns the decoded JSON answer; an error
// answer throws with the server's message (and positions, if any).
async function api(method, path, body, headers) {
  const init = { method, headers: Object.assign({}, headers) };
  if (body !== undefined) {
    init.body = typeof body === "string" ? body : JSON.stringify(body);
    if (!init.headers["Content-Type"]) init.headers["Content-Type"] = "application/json";
  }
  const res = await fetch(path, init);
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = { error: text }; }
  if (!res.ok) {
    let msg = (data && data.error) || res.status + " " + res.statusText;
    if (data && data.problems) msg += "\n" + data.problems.map((p) => `${p.file}:${p.line}:${p.col}: ${p.path ? p.path + ": " : ""}${p.message}`).join("\n");
    throw new Error(msg);
  }
  return { data, res };
}

const state = {
  scenario: "baseline-2025",
  levers: {},       // moved levers only
  switches: {},     // changed switches only
  defaults: null,   // the scenario's levers and switches
  pinned: null,     // the setting pinned as A
  inflight: false,
  pending: false,
  runs: 0,          // answers drawn, for tests and the curious
};

function setting() {
  return { scenario: state.scenario, levers: Object.assign({}, state.levers), switches: Object.assign({}, state.switches) };
}

async function loadScenarios(select) {
  const { data } = await api("GET", "/api/scenarios");
  const sel = $("scenario");
  sel.innerHTML = "";
  const add = (id, label) => { const o = document.createElement("option"); o.value = id; o.textContent = label; sel.appendChild(o); };
  data.shipped.forEach((s) => add(s.id, s.id));
  data.uploaded.forEach((s) => add(s.id, "upload: " + s.name + " (" + s.id.slice(0, 8) + ")"));
  sel.value = select || state.scenario;
}

async function loadScenario(id) {
  state.scenario = id;
  state.levers = {};
  state.switches = {};
  const { data } = await api("GET", "/api/scenarios/" + encodeURIComponent(id));
  state.defaults = data;
  buildLevers(data);
  await run();
}

function buildLevers(sc) {
  const box = $("levers");
  box.innerHTML = "";
  for (const l of sc.levers) {
    const wrap = document.createElement("div");
    wrap.className = "lever";
    const label = document.createElement("label");
    const out = document.createElement("output");
    const input = document.createElement("input");
    input.type = "range";
    input.id = "lever-" + l.key;
    input.min = l.min; input.max = l.max; input.step = l.step; input.value = l.value;
    input.dataset.key = l.key;
    out.textContent = fmt(l.value);
    label.htmlFor = input.id;
    label.textContent = l.label + " (" + l.unit + ")";
    label.appendChild(out);
    input.addEventListener("input", () => {
      state.levers[l.key] = Number(input.value);
      out.textContent = fmt(Number(input.value));
      run();
    });
    wrap.appendChild(label);
    wrap.appendChild(input);
    box.appendChild(wrap);
  }
  const sw = $("switches");
  sw.innerHTML = "";
  for (const s of sc.switches) {
    const label = document.createElement("label");
    const input = document.createElement("input");
    input.type = "checkbox";
    input.id = "switch-" + s.key;
    input.checked = s.value;
    input.addEventListener("change", () => {
      if (input.checked === s.value) delete state.switches[s.key]; else state.switches[s.key] = input.checked;
      run();
    });
    label.appendChild(input);
    label.appendChild(document.createTextNode(" " + s.label));
    sw.appendChild(label);
  }
}

// run asks for a flow run of the current setting. Answers come back one
// at a time: a move during a request is sent when it returns, so the
// last setting always wins and the server is never flooded.
async function run() {
  if (state.inflight) { state.pending = true; return; }
  state.inflight = true;
  try {
    do {
      state.pending = false;
      const s = setting();
      const { data } = await api("POST", "/api/run", s);
      drawCharts($("charts"), { kind: "run", name: data.scenario, data });
      headline(data);
      if (state.pinned) await compare(s);
      state.runs++;
      document.body.dataset.runs = state.runs;
      $("error").textContent = "";
    } while (state.pending);
  } catch (e) {
    $("error").textContent = e.message;
  } finally {
    state.inflight = false;
  }
}

function headline(r) {
  const y1 = r.annual.length ? r.annual[0].removals : 0;
  $("headline").innerHTML = "";
  const parts = [
    ["removals", r.totals.removals, "removals over " + r.months + " months"],
    ["removals-year1", y1, "in the first year"],
    ["cost-per-removal", r.totals.cost_per_removal_usd, "USD per removal"],
  ];
  for (const [id, v, label] of parts) {
    const b = document.createElement("b");
    b.id = "total-" + id;
    b.textContent = fmt(v);
    $("headline").appendChild(b);
    $("headline").appendChild(document.createTextNode(" " + label + " · "));
  }
}

async function compare(b) {
  const { data } = await api("POST", "/api/compare", { a: state.pinned.setting, b });
  const t = $("compare");
  t.innerHTML = "<thead><tr><th>outcome</th><th>A (pinned)</th><th>B (current)</th><th>B − A</th></tr></thead>";
  const body = document.createElement("tbody");
  for (const row of data.rows) {
    const tr = document.createElement("tr");
    for (const v of [row.outcome, fmt(row.a), fmt(row.b), fmt(row.diff)]) {
      const td = document.createElement("td");
      td.textContent = v;
      tr.appendChild(td);
    }
    body.appendChild(tr);
  }
  t.appendChild(body);
  drawCharts($("compare-charts"), { kind: "compare", name: "A and B", data });
}

async function pin() {
  const s = setting();
  state.pinned = { setting: s };
  await run();
}

async function save() {
  try {
    const { res } = await api("POST", "/api/run", Object.assign(setting(), { save: true }));
    const hash = res.headers.get("X-Run-Hash");
    $("save-status").innerHTML = "";
    const a = document.createElement("a");
    a.href = "/runs/" + hash;
    a.textContent = "permanent link " + hash.slice(0, 12);
    $("save-status").appendChild(a);
  } catch (e) { $("save-status").textContent = e.message; }
}

async function upload(file) {
  const text = await file.text();
  try {
    const { data } = await api("POST", "/api/scenarios", text, { "Content-Type": "application/yaml" });
    $("upload-status").textContent = "uploaded " + data.name;
    await loadScenarios(data.id);
    await loadScenario(data.id);
  } catch (e) { $("upload-status").textContent = e.message; }
}

// Jobs.

async function submit(path, body) {
  try {
    await api("POST", path, body);
    $("error").textContent = "";
    pollJobs();
  } catch (e) { $("error").textContent = e.message; }
}

let pollTimer = null;
async function pollJobs() {
  clearTimeout(pollTimer);
  let active = false;
  try {
    const { data } = await api("GET", "/api/jobs");
    const body = $("jobs").querySelector("tbody");
    body.innerHTML = "";
    for (const j of data.jobs.slice(0, 20)) {
      active = active || j.state === "queued" || j.state === "running";
      const tr = document.createElement("tr");
      tr.id = "job-" + j.id;
      tr.dataset.state = j.state;
      const cells = [String(j.id), j.kind, j.state];
      for (const c of cells) { const td = document.createElement("td"); td.textContent = c; tr.appendChild(td); }
      tr.children[2].className = "state";
      const ptd = document.createElement("td");
      const p = document.createElement("progress");
      p.max = j.total || 1; p.value = j.done;
      ptd.appendChild(p);
      ptd.appendChild(document.createTextNode(" " + j.done + "/" + (j.total || "?")));
      ptd.className = "progress";
      tr.appendChild(ptd);
      const act = document.createElement("td");
      if (j.run) {
        const a = document.createElement("a");
        a.className = "permalink";
        a.href = "/runs/" + j.run;
        a.textContent = "open";
        act.appendChild(a);
      } else if (j.state === "queued" || j.state === "running") {
        const b = document.createElement("button");
        b.type = "button";
        b.textContent = "cancel";
        b.addEventListener("click", () => api("POST", "/api/jobs/" + j.id + "/cancel").then(pollJobs, (e) => { $("error").textContent = e.message; }));
        act.appendChild(b);
      } else if (j.error) {
        act.textContent = j.error;
      }
      tr.appendChild(act);
      body.appendChild(tr);
    }
  } catch (e) { $("error").textContent = e.message; }
  pollTimer = setTimeout(pollJobs, active ? 400 : 5000);
}

document.addEventListener("DOMContentLoaded", async () => {
  $("scenario").addEventListener("change", (e) => loadScenario(e.target.value));
  $("upload").addEventListener("change", (e) => { if (e.target.files[0]) upload(e.target.files[0]); });
  $("reset").addEventListener("click", () => loadScenario(state.scenario));
  $("pin").addEventListener("click", pin);
  $("save").addEventListener("click", save);
  $("agent-form").addEventListener("submit", (e) => {
    e.preventDefault();
    submit("/api/jobs", { kind: "run", request: Object.assign(setting(), { engine: "agent", runs: Number($("agent-runs").value), seed: Number($("agent-seed").value) }) });
  });
  $("plan-form").addEventListener("submit", (e) => {
    e.preventDefault();
    submit("/api/plan", Object.assign(setting(), { target: Number($("plan-target").value), by: $("plan-by").value, objective: $("plan-objective").value, budget_usd: Number($("plan-budget").value) }));
  });
  $("sens-form").addEventListener("submit", (e) => {
    e.preventDefault();
    submit("/api/sensitivity", Object.assign(setting(), { method: $("sens-method").value, metric: $("sens-metric").value }));
  });
  try {
    await loadScenarios();
    await loadScenario($("scenario").value);
  } catch (e) { $("error").textContent = e.message; }
  pollJobs();
});
