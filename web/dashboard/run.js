// A stored run's permanent page: its manifest, downloads and charts.
"use strict";

const $ = (id) => document.getElementById(id);

async function getJSON(path) {
  const res = await fetch(path);
  const data = await res.json();
  if (!res.ok) throw new Error(data.error || res.statusText);
  return data;
}

document.addEventListener("DOMContentLoaded", async () => {
  const hash = location.pathname.split("/").pop();
  $("run-id").textContent = hash;
  try {
    const run = await getJSON("/api/runs/" + encodeURIComponent(hash));
    $("manifest").textContent = JSON.stringify(run.manifest, null, 2);
    const links = $("downloads");
    for (const [name, href] of Object.entries(run.links)) {
      if (name === "page" || name === "rerun") continue;
      const a = document.createElement("a");
      a.href = href;
      a.textContent = "download " + name.toUpperCase();
      a.className = "download";
      links.appendChild(a);
      links.appendChild(document.createTextNode(" "));
    }
    const result = await getJSON(run.links.json);
    const section = { kind: run.kind, name: run.kind, data: result };
    RemovalsimCharts.mount($("charts"), section);
    $("run-summary").textContent = run.kind === "run"
      ? `run of ${result.scenario} on the ${result.engine} engine, ${result.runs} run(s), seed ${result.seed}: ` +
        `${Math.round(result.totals.removals).toLocaleString("en-US")} removals over ${result.months} months`
      : `${run.kind}, stored ${run.created}`;
    document.body.dataset.loaded = "true";
    $("rerun").addEventListener("click", async () => {
      const res = await fetch(run.links.rerun, { method: "POST" });
      const data = await res.json();
      $("rerun-status").textContent = res.ok ? "job " + data.id + " queued; see the dashboard" : data.error;
    });
  } catch (e) {
    $("error").textContent = e.message;
  }
});
