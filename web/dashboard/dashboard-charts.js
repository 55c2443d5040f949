// Chart options for the dashboard from the API's result JSON (the
// contract of package result). Charts are updated in place: the same
// ECharts instance receives new options, without animation, so a slider
// redraws at once.
"use strict";

const RemovalsimCharts = (() => {
  const instances = new Map();

  function chart(el) {
    let c = instances.get(el);
    if (!c) {
      c = echarts.init(el, null, { renderer: "canvas" });
      instances.set(el, c);
      window.addEventListener("resize", () => c.resize());
    }
    return c;
  }

  const months = (r) => r.monthly.map((m) => m.month);
  const base = { animation: false, grid: { left: 70, right: 20, top: 40, bottom: 30 }, tooltip: { trigger: "axis" } };

  // removals draws removals a month; with a second result it draws both.
  function removals(r, other, labels) {
    const series = [{ name: (labels && labels[0]) || r.scenario, type: "line", showSymbol: false, data: r.monthly.map((m) => Math.round(m.removals)) }];
    if (other) {
      series.push({ name: (labels && labels[1]) || other.scenario, type: "line", showSymbol: false, lineStyle: { type: "dashed" }, data: other.monthly.map((m) => Math.round(m.removals)) });
    }
    return Object.assign({}, base, {
      title: { text: "Removals a month", textStyle: { fontSize: 13 } },
      legend: { top: 5, right: 10 },
      xAxis: { type: "category", data: months(r) },
      yAxis: { type: "value" },
      series,
    });
  }

  // binding draws which constraint binds each month, one row per
  // constraint.
  function binding(r) {
    const names = [...new Set(r.monthly.map((m) => m.binding || "none"))].sort();
    return Object.assign({}, base, {
      title: { text: "Binding constraint", textStyle: { fontSize: 13 } },
      tooltip: { trigger: "item", formatter: (p) => p.value[0] + ": " + names[p.value[1]] },
      grid: { left: 130, right: 20, top: 30, bottom: 25 },
      xAxis: { type: "category", data: months(r) },
      yAxis: { type: "category", data: names },
      series: [{ type: "scatter", symbol: "rect", symbolSize: [8, 14], data: r.monthly.map((m) => [m.month, names.indexOf(m.binding || "none")]) }],
    });
  }

  function detained(r) {
    return Object.assign({}, base, {
      title: { text: "Detained population and court backlog", textStyle: { fontSize: 13 } },
      legend: { top: 5, right: 10 },
      xAxis: { type: "category", data: months(r) },
      yAxis: [{ type: "value", name: "detained" }, { type: "value", name: "backlog" }],
      series: [
        { name: "detained", type: "line", showSymbol: false, data: r.monthly.map((m) => Math.round(m.detained)) },
        { name: "court backlog", type: "line", yAxisIndex: 1, showSymbol: false, data: r.monthly.map((m) => Math.round(m.court_backlog)) },
      ],
    });
  }

  // draw renders a result into the three chart elements of a page.
  function draw(r, other, labels) {
    chart(document.getElementById("chart-removals")).setOption(removals(r, other, labels), true);
    chart(document.getElementById("chart-binding")).setOption(binding(r), true);
    chart(document.getElementById("chart-detained")).setOption(detained(r), true);
  }

  return { draw, chart, removals, binding, detained };
})();
