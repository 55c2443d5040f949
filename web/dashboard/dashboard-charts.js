// A stand-in for the shared chart builder (web/assets/charts.js, the
// HTML report's): the same interface, RemovalsimCharts.charts(section)
// returning [{id, title, option}], for a run's result only. It is used
// only when the shared builder is not served.
"use strict";

window.RemovalsimCharts = window.RemovalsimCharts || (() => {
  const months = (r) => r.monthly.map((m) => m.month);
  const base = (title) => ({ animation: false, title: { text: title, textStyle: { fontSize: 13 } }, legend: { bottom: 0 },
    grid: { left: 70, right: 20, top: 40, bottom: 50 }, tooltip: { trigger: "axis" } });

  function run(r) {
    const pathways = [...new Set(r.monthly.flatMap((m) => Object.keys(m.removals_by_pathway || {})))].sort();
    const removals = Object.assign(base("Removals by pathway"), {
      xAxis: { type: "category", data: months(r) }, yAxis: { type: "value" },
      series: pathways.map((p) => ({ name: p, type: "line", stack: "removals", areaStyle: {}, showSymbol: false,
        data: r.monthly.map((m) => Math.round((m.removals_by_pathway || {})[p] || 0)) })),
    });
    const names = [...new Set(r.monthly.map((m) => m.binding || "none"))].sort();
    const binding = Object.assign(base("Binding constraint"), {
      tooltip: { trigger: "item" }, xAxis: { type: "category", data: months(r) }, yAxis: { type: "category", data: names },
      series: [{ type: "scatter", symbol: "rect", symbolSize: [8, 14], data: r.monthly.map((m) => [m.month, names.indexOf(m.binding || "none")]) }],
    });
    const stocks = Object.assign(base("Stocks over time"), {
      xAxis: { type: "category", data: months(r) }, yAxis: [{ type: "value" }, { type: "value" }],
      series: [
        { name: "detained", type: "line", showSymbol: false, data: r.monthly.map((m) => Math.round(m.detained)) },
        { name: "court backlog", type: "line", yAxisIndex: 1, showSymbol: false, data: r.monthly.map((m) => Math.round(m.court_backlog)) },
      ],
    });
    return [{ id: "removals-pathway", title: "Removals by pathway", option: removals },
      { id: "utilisation", title: "Binding constraint", option: binding },
      { id: "stocks", title: "Stocks over time", option: stocks }];
  }

  return { charts: (section) => (section.kind === "run" ? run(section.data) : []), tables: () => [] };
})();

// drawCharts shows a section's charts ({kind, data}) in container,
// updating in place the charts already there: the same ECharts instance
// receives the new option, so a slider redraws without a flash.
window.drawCharts = (container, section) => {
  for (const c of RemovalsimCharts.charts(section)) {
    const id = "chart-" + c.id;
    let div = document.getElementById(id);
    if (!div) {
      const fig = document.createElement("figure");
      div = document.createElement("div");
      div.id = id;
      div.className = "chart";
      div.setAttribute("role", "img");
      div.setAttribute("aria-label", c.title);
      fig.appendChild(div);
      container.appendChild(fig);
      window.addEventListener("resize", () => echarts.getInstanceByDom(div).resize());
    }
    const chart = echarts.getInstanceByDom(div) || echarts.init(div, null, { renderer: "canvas" });
    chart.setOption(c.option, true);
  }
};
