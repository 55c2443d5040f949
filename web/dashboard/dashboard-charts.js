// drawCharts shows a section's charts ({kind, data}) in container with
// the shared chart builder (RemovalsimCharts, web/assets/charts.js, the
// HTML report's), updating in place the charts already there: the same
// ECharts instance receives the new option, so a slider redraws without
// a flash.
"use strict";

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
      if (c.caption) {
        const cap = document.createElement("figcaption");
        cap.textContent = c.caption;
        fig.appendChild(cap);
      }
      container.appendChild(fig);
      window.addEventListener("resize", () => echarts.getInstanceByDom(div).resize());
    }
    const chart = echarts.getInstanceByDom(div) || echarts.init(div, null, { renderer: "canvas" });
    chart.setOption(c.option, true);
  }
};
