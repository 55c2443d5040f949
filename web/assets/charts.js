/*
 * charts.js: turns removalsim's JSON outputs into ECharts options and
 * tables. Shared by the one-file HTML report (removalsim report) and the
 * dashboard. It needs echarts (echarts.min.js) loaded first and nothing
 * else: no network, no modules, no build step.
 *
 * RemovalsimCharts.charts(section) returns the charts of a section as
 * [{id, title, caption, option}]; RemovalsimCharts.tables(section) its
 * tables as [{title, caption, columns, rows}]; RemovalsimCharts.mount(el,
 * section) draws both into a DOM element. A section is {kind, name,
 * data}: kind is "run", "compare", "plan", "backtest", "sensitivity" or
 * "procedure", and data the command's JSON output (for "procedure",
 * {nodes, links}).
 *
 * Licensed under the Apache License, Version 2.0 (see LICENSE).
 */
(function (global) {
  'use strict';

  var whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
  var three = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });

  // people formats a count of people: whole, with thousands separators.
  function people(x) { return whole.format(Math.round(x) + 0); }

  // money formats U.S. dollars: $1.23B, $45.6M, $12,345.
  function money(x) {
    var a = Math.abs(x), s = x < 0 ? '-$' : '$';
    if (a >= 1e12) { return s + (a / 1e12).toFixed(2) + 'T'; }
    if (a >= 1e9) { return s + (a / 1e9).toFixed(2) + 'B'; }
    if (a >= 1e6) { return s + (a / 1e6).toFixed(1) + 'M'; }
    return s + whole.format(Math.round(a));
  }

  // pct formats a share (0.123) as a percentage (12.3%).
  function pct(x) { return (100 * x).toFixed(1) + '%'; }

  // num formats any other number with three significant digits.
  function num(x) { return Math.abs(x) >= 1000 ? whole.format(Math.round(x)) : three.format(x); }

  // byUnit picks the formatter of a unit.
  function byUnit(unit) {
    if (unit === 'usd' || unit === 'USD') { return money; }
    if (unit === 'share') { return pct; }
    if (unit === 'persons' || unit === 'screenings' || unit === 'notices' || unit === 'cases') { return people; }
    return num;
  }

  function keys(obj) { return obj ? Object.keys(obj).sort() : []; }

  // label turns a snake_case name into words.
  function label(name) { return String(name).replace(/_/g, ' '); }

  // palette is colour-blind safe (Okabe–Ito, then greys).
  var palette = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000', '#999999', '#666666'];

  // svgIcon is the toolbox icon of "save as SVG".
  var svgIcon = 'path://M4,2h12l6,6v14H4z M16,2v6h6 M8,14h10 M8,18h10';

  // base returns the options every chart shares: no animation (print and
  // screenshots show the final frame), a toolbox that saves PNG and SVG,
  // a scrolling legend at the bottom (phones), readable axis labels.
  function base(title, yFormat) {
    var o = {
      animation: false,
      color: palette,
      title: { text: title, left: 0, textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis', confine: true },
      legend: { type: 'scroll', bottom: 0 },
      grid: { left: 8, right: 16, top: 64, bottom: 40, containLabel: true },
      toolbox: {
        right: 0,
        feature: {
          saveAsImage: { title: 'PNG', pixelRatio: 2, name: slug(title) },
          mySaveSVG: { show: true, title: 'SVG', icon: svgIcon, onclick: saveSVG }
        }
      }
    };
    if (yFormat) {
      o.tooltip.valueFormatter = yFormat;
    }
    return o;
  }

  function slug(s) { return String(s).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''); }

  // saveSVG draws the chart again with the SVG renderer, off screen, and
  // downloads it.
  function saveSVG(model, api) {
    var dom = api.getDom(), option = api.getOption();
    var tmp = document.createElement('div');
    tmp.style.cssText = 'position:absolute;left:-10000px;width:' + dom.clientWidth + 'px;height:' + dom.clientHeight + 'px';
    document.body.appendChild(tmp);
    var chart = global.echarts.init(tmp, null, { renderer: 'svg' });
    option.animation = false;
    option.toolbox = [];
    chart.setOption(option);
    var a = document.createElement('a');
    a.href = chart.getDataURL({ type: 'svg' });
    a.download = slug((option.title && option.title[0] && option.title[0].text) || 'chart') + '.svg';
    document.body.appendChild(a);
    a.click();
    a.remove();
    chart.dispose();
    tmp.remove();
  }

  // barHeight is the height in pixels of a chart with n horizontal bars,
  // so that their labels never overlap.
  function barHeight(n) { return Math.max(300, 26 * n + 130); }

  function valueAxis(fmt, name) {
    return { type: 'value', name: name || '', axisLabel: { formatter: fmt ? function (v) { return fmt(v); } : null } };
  }

  function timeAxis(months) {
    return { type: 'category', data: months, boundaryGap: false, axisLabel: { hideOverlap: true } };
  }

  function line(name, data, extra) {
    var s = { name: label(name), type: 'line', data: data, showSymbol: false };
    for (var k in extra || {}) { s[k] = extra[k]; }
    return s;
  }

  // column returns month by month the value of get(month), 0 when absent.
  function column(monthly, get) {
    return monthly.map(function (m) { var v = get(m); return typeof v === 'number' ? v : 0; });
  }

  // ---- run ----

  function runCharts(r) {
    var months = r.monthly.map(function (m) { return m.month; });
    var out = [];

    var pathways = {};
    r.monthly.forEach(function (m) { keys(m.removals_by_pathway).forEach(function (p) { pathways[p] = true; }); });
    var o = base('Removals by pathway, per month', people);
    o.xAxis = timeAxis(months);
    o.yAxis = valueAxis(people, 'persons');
    o.series = keys(pathways).map(function (p) {
      return line(p, column(r.monthly, function (m) { return (m.removals_by_pathway || {})[p]; }), { stack: 'p', areaStyle: {} });
    });
    out.push({ id: 'removals-pathway', title: 'Removals by pathway', option: o,
      caption: 'Removals each month, stacked by the pathway that led to them (border expedited removal, interior expedited removal, arrest of a final order, arrest to court, special authority).' });

    var flow = function (m, names) {
      var s = 0;
      names.forEach(function (n) { s += (m.flows || {})[n] || 0; });
      return s;
    };
    o = base('Removals and departures by definition, per month', people);
    o.xAxis = timeAxis(months);
    o.yAxis = valueAxis(people, 'persons');
    o.series = [
      line('removals (ICE definition)', column(r.monthly, function (m) { return m.removals; }), { stack: 'd', areaStyle: {} }),
      line('voluntary departure granted in court', column(r.monthly, function (m) { return flow(m, ['court_queue->departed', 'in_proceedings->departed']); }), { stack: 'd', areaStyle: {} }),
      line('self-departure', column(r.monthly, function (m) { return flow(m, ['at_large->departed', 'final_order->departed', 'final_order_stale->departed']); }), { stack: 'd', areaStyle: {} })
    ];
    out.push({ id: 'removals-definition', title: 'Removals by definition', option: o,
      caption: 'A removal is a formal removal under an order (ICE\'s count). Counts of "deportations" that also include voluntary departures granted by a judge, or departures without any grant, are larger: the stack shows what each definition adds.' });

    var stocks = {};
    r.monthly.forEach(function (m) { keys(m.stocks).forEach(function (s) { stocks[s] = true; }); });
    o = base('Stocks at the end of each month', people);
    o.xAxis = timeAxis(months);
    o.yAxis = valueAxis(people, 'persons');
    o.legend.selected = { 'at large': false, 'in proceedings': false, 'final order': false };
    o.series = keys(stocks).map(function (s) { return line(s, column(r.monthly, function (m) { return (m.stocks || {})[s]; })); });
    out.push({ id: 'stocks', title: 'Stocks over time', option: o,
      caption: 'People in each state of the procedure at each month\'s end. The three largest stocks (at large, in proceedings, final order) are hidden at first so that the detained stages can be read; click their names in the legend to show them.' });

    var caps = {};
    r.monthly.forEach(function (m) { keys(m.utilisation).forEach(function (c) { caps[c] = true; }); });
    var capNames = keys(caps);
    var heat = [], binding = [];
    r.monthly.forEach(function (m, i) {
      capNames.forEach(function (c, j) {
        heat.push([i, j, Math.round(1000 * ((m.utilisation || {})[c] || 0)) / 10]);
        if (m.binding === c) { binding.push([i, j]); }
      });
    });
    o = base('Capacity utilisation (%) and the binding constraint (●)');
    o.tooltip = { trigger: 'item', confine: true, formatter: function (p) {
      return months[p.value[0]] + '<br>' + label(capNames[p.value[1]]) + (p.seriesIndex === 0 ? ': ' + p.value[2] + '%' : ': binding');
    } };
    o.grid.bottom = 70;
    o.xAxis = { type: 'category', data: months, axisLabel: { hideOverlap: true } };
    o.yAxis = { type: 'category', data: capNames.map(label) };
    o.visualMap = { min: 0, max: 100, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120,
      inRange: { color: ['#f7fbff', '#6baed6', '#08306b'] }, text: ['100%', '0%'], dimension: 2, seriesIndex: 0 };
    o.legend = { show: false };
    o.series = [
      { name: 'utilisation', type: 'heatmap', data: heat },
      { name: 'binding', type: 'scatter', data: binding, symbolSize: 8, itemStyle: { color: '#D55E00' } }
    ];
    out.push({ id: 'utilisation', title: 'Capacity utilisation and binding constraint', option: o, height: barHeight(capNames.length) + 40,
      caption: 'Share of each capacity used each month; the dot marks the binding constraint: the saturated capacity (at least 99% used, people waiting) that carries the main stream, or officers when nothing downstream is saturated.' });

    var items = keys(r.totals.cost_by_item);
    o = base('Cost by category over the run', money);
    o.tooltip.trigger = 'item';
    o.legend = { show: false };
    o.xAxis = valueAxis(money, 'USD');
    o.yAxis = { type: 'category', data: items.map(label) };
    o.series = [{ name: 'cost', type: 'bar', data: items.map(function (k) { return r.totals.cost_by_item[k]; }),
      label: { show: true, position: 'right', formatter: function (p) { return money(p.value); } } }];
    out.push({ id: 'costs', title: 'Costs by category', option: o, height: barHeight(items.length),
      caption: 'Operating costs the model counts, summed over the run: ' + money(r.totals.cost_usd) + ' in all, ' +
        money(r.totals.cost_per_removal_usd) + ' per removal.' });

    var dp = r.due_process || {};
    var dpKeys = keys(dp).filter(function (k) { return k.indexOf('usd') < 0; });
    o = base('Due-process indicators over the run', people);
    o.tooltip.trigger = 'item';
    o.legend = { show: false };
    o.grid.left = 8;
    o.xAxis = valueAxis(people, 'persons');
    o.yAxis = { type: 'category', data: dpKeys.map(label), axisLabel: { width: 170, overflow: 'break' } };
    o.series = [{ name: 'count', type: 'bar', data: dpKeys.map(function (k) { return dp[k]; }),
      label: { show: true, position: 'right', formatter: function (p) { return people(p.value); } } }];
    out.push({ id: 'due-process', title: 'Due-process indicators', option: o, height: barHeight(dpKeys.length),
      caption: 'What the legal procedure did over the run: screenings and their outcomes, third-country notices and removals with or without assurances, removals without a hearing, removals blocked by injunctions.' });

    var bands = r.bands || {};
    if (bands.removals && bands.removals.length) {
      var b = bands.removals;
      o = base('Removals per month across ' + r.runs + ' replications', people);
      o.xAxis = timeAxis(b.map(function (x) { return x.month; }));
      o.yAxis = valueAxis(people, 'persons');
      o.series = [
        line('5th percentile', b.map(function (x) { return x.p05; }), { stack: 'band', lineStyle: { opacity: 0 } }),
        line('5th to 95th percentile', b.map(function (x) { return x.p95 - x.p05; }), { stack: 'band', lineStyle: { opacity: 0 }, areaStyle: { color: '#56B4E9', opacity: 0.4 } }),
        line('median', b.map(function (x) { return x.p50; }), { lineStyle: { color: '#0072B2' } }),
        line('mean', column(r.monthly, function (m) { return m.removals; }), { lineStyle: { type: 'dashed', color: '#000' } })
      ];
      o.tooltip.formatter = function (ps) {
        var i = ps[0].dataIndex, x = b[i];
        return x.month + '<br>median ' + people(x.p50) + '<br>90% of runs between ' + people(x.p05) + ' and ' + people(x.p95);
      };
      out.push({ id: 'uncertainty', title: 'Uncertainty bands', option: o,
        caption: 'The agent engine\'s replications differ by chance alone (arrivals, decisions, waits drawn at random); the band holds 90% of them month by month.' });
    } else {
      var annual = r.annual || [];
      o = base('Removals and arrests per 12-month period', people);
      o.xAxis = { type: 'category', data: annual.map(function (a) { return a.from + '..' + a.to; }) };
      o.yAxis = valueAxis(people, 'persons');
      o.series = [
        { name: 'removals', type: 'bar', data: annual.map(function (a) { return a.removals; }) },
        { name: 'arrests', type: 'bar', data: annual.map(function (a) { return a.arrests; }) }
      ];
      out.push({ id: 'annual', title: 'Annual removals and arrests', option: o,
        caption: 'The flow engine is deterministic and gives means only: no uncertainty bands. Run the agent engine with several replications (run --engine agent --runs 20) to see them.' });
    }

    var ttr = r.time_to_removal_days || {};
    var tk = keys(ttr);
    o = base('Mean days from arrest to removal, by pathway');
    o.tooltip.trigger = 'item';
    o.legend = { show: false };
    o.xAxis = valueAxis(num, 'days');
    o.yAxis = { type: 'category', data: tk.map(label) };
    o.series = [{ name: 'mean days', type: 'bar', data: tk.map(function (k) { return ttr[k].mean; }),
      label: { show: true, position: 'right', formatter: function (p) { return num(p.value); } } }];
    out.push({ id: 'time-to-removal', title: 'Time to removal', option: o,
      caption: 'Mean days from arrest (or border apprehension) to removal for those removed during the run.' });

    if (r.bottlenecks && r.bottlenecks.length) {
      var bm = r.bottlenecks;
      var names = bm[0].capacities.map(function (c) { return c.capacity; });
      o = base('Marginal removals over 12 months per 1% more capacity', people);
      o.xAxis = timeAxis(bm.map(function (x) { return x.month; }));
      o.yAxis = valueAxis(people, 'removals');
      o.series = names.map(function (n, j) {
        return line(n, bm.map(function (x) { var c = x.capacities[j]; return c.marginal_removals_per_unit * c.level / 100; }));
      });
      out.push({ id: 'bottlenecks', title: 'Marginal value of each capacity', option: o,
        caption: 'Extra removals over the following 12 months from raising each capacity by 1% from the month on (flow engine, finite differences).' });
    }
    return out;
  }

  function runTables(r) {
    var annual = (r.annual || []).map(function (a) {
      return [a.from + '..' + a.to, people(a.removals), people(a.arrests), people(a.average_detained), money(a.cost_usd), label(a.binding)];
    });
    annual.push(['total', people(r.totals.removals), people(r.totals.arrests), people(r.detention.average_daily_population), money(r.totals.cost_usd), '']);
    return [{ title: 'Annual summary', caption: '12-month periods from the start; people rounded to whole persons.',
      columns: ['period', 'removals', 'arrests', 'average detained', 'cost', 'binding most months'], rows: annual, numeric: [1, 2, 3, 4] }];
  }

  // ---- compare ----

  function compareCharts(c) {
    var rows = (c.rows || []).filter(function (x) { return x.a !== 0 || x.b !== 0; });
    var o = base('B − A, relative to A (%)');
    o.tooltip = { trigger: 'axis', confine: true, axisPointer: { type: 'shadow' } };
    o.legend = { show: false };
    o.grid.left = 8;
    o.xAxis = valueAxis(function (v) { return v.toFixed(1) + '%'; }, '%');
    o.yAxis = { type: 'category', data: rows.map(function (x) { return label(x.outcome); }), inverse: true, axisLabel: { width: 200, overflow: 'truncate' } };
    var rel = function (x, v) { return x.a ? 100 * v / Math.abs(x.a) : 0; };
    o.series = [
      { name: 'B − A', type: 'bar', data: rows.map(function (x) { return rel(x, x.diff); }) },
      { name: 'interval', type: 'custom', renderItem: function (params, api) {
        var y = api.coord([0, api.value(0)])[1];
        var lo = api.coord([api.value(1), 0])[0], hi = api.coord([api.value(2), 0])[0];
        return { type: 'line', shape: { x1: lo, y1: y, x2: hi, y2: y }, style: { stroke: '#000', lineWidth: 2 } };
      }, encode: { x: [1, 2], y: 0 }, data: rows.map(function (x, i) { return [i, rel(x, x.ci_low), rel(x, x.ci_high)]; }), z: 10 }
    ];
    o.series[0].data = o.series[0].data.map(function (v) { return { value: v, itemStyle: { color: v < 0 ? '#D55E00' : '#0072B2' } }; });
    return [{ id: 'compare', title: 'Differences between the scenarios', option: o, height: barHeight(rows.length),
      caption: 'Each outcome of B relative to A' + (c.replications > 1 ? ', with the paired 95% confidence interval of the difference (' + c.replications + ' paired replications with common random numbers).' : ' (flow engine: deterministic, no interval).') }];
  }

  function compareTables(c) {
    return [{ title: 'Outcomes', caption: 'A: ' + c.a + '; B: ' + c.b + '; engine ' + c.engine + '.',
      columns: ['outcome', 'A', 'B', 'B − A', '%', '95% interval'], numeric: [1, 2, 3, 4, 5],
      rows: (c.rows || []).map(function (x) {
        var f = byUnit(x.unit);
        return [label(x.outcome), f(x.a), f(x.b), f(x.diff), x.a ? (100 * x.relative).toFixed(1) + '%' : '—',
          c.replications > 1 ? '[' + f(x.ci_low) + ', ' + f(x.ci_high) + ']' : ''];
      }) }];
  }

  // ---- plan ----

  function planCharts(p) {
    var s = p.schedule || [];
    var months = s.map(function (m) { return m.month; });
    var o = base('Annual removal rate of each month', people);
    o.xAxis = timeAxis(months);
    o.yAxis = valueAxis(people, 'removals a year');
    o.series = [
      line('rate (flow engine)', s.map(function (m) { return m.rate_per_year; })),
      line('target', s.map(function () { return p.target_per_year; }), { lineStyle: { type: 'dashed', color: '#D55E00' } })
    ];
    o.series[0].markLine = { silent: true, symbol: 'none', data: [{ xAxis: p.by, label: { formatter: 'by ' + p.by } }] };
    var out = [{ id: 'plan-rate', title: 'Rate against the target', option: o,
      caption: 'Annual rate of a month = its removals × 365 / its days. ' + (p.feasible ? 'The plan reaches the target ' + (p.reached_on ? 'from ' + p.reached_on : '') + '.' : 'Not feasible: the rate shown is the most every capacity at its maximum ramp achieves.') }];
    var caps = {};
    s.forEach(function (m) { keys(m.levels).forEach(function (c) { caps[c] = true; }); });
    o = base('Capacity levels (index: first month = 100)');
    o.xAxis = timeAxis(months);
    o.yAxis = valueAxis(num, 'index');
    o.series = keys(caps).map(function (c) {
      var first = (s[0].levels || {})[c] || 1;
      return line(c, s.map(function (m) { return 100 * ((m.levels || {})[c] || 0) / first; }));
    });
    out.push({ id: 'plan-levels', title: 'Capacity schedule', option: o,
      caption: 'Each capacity\'s productive level as the plan hires, contracts and trains, relative to the first month.' });
    if (p.binding && p.binding.length) {
      o = base('What each constraint alone permits (removals a year)', people);
      o.tooltip.trigger = 'item';
      o.legend = { show: false };
      o.xAxis = valueAxis(people, 'removals a year');
      // Lever moves and the appropriations carry no limiting rate.
      var limits = p.binding.filter(function (b) { return b.limit_per_year > 0; });
      o.yAxis = { type: 'category', data: limits.map(function (b) { return label(b.constraint); }), inverse: true };
      o.series = [{ name: 'limit', type: 'bar', data: limits.map(function (b) { return b.limit_per_year; }),
        markLine: { silent: true, symbol: 'none', data: [{ xAxis: p.target_per_year, label: { formatter: 'target' } }] } }];
      out.push({ id: 'plan-binding', title: 'Binding constraints', option: o,
        caption: 'The rate each constraint permits with every other relaxed, tightest first, against the target.' });
    }
    return out;
  }

  function planTables(p) {
    var sched = p.schedule || [];
    var last = sched.length ? sched[sched.length - 1] : { month: p.horizon || 'horizon', levels: {} };
    var t = [{ title: 'Decisions', caption: 'Target ' + people(p.target_per_year) + ' a year by ' + p.by + ': ' +
        (p.feasible ? 'feasible' : 'NOT feasible') + '; achieved ' + keys(p.achieved_per_year).map(function (e) { return e + ' ' + people(p.achieved_per_year[e]); }).join(', ') +
        '; total cost ' + money(p.cost_usd) + '.',
      // A ramp started late can stop short of its planned level: the
      // level the schedule reaches at the horizon is shown beside it.
      columns: ['capacity', 'today', 'planned level', 'at ' + last.month, 'hiring from'], numeric: [1, 2, 3],
      rows: (p.decisions || []).map(function (d) { return [label(d.capacity), num(d.initial), num(d.level), ((last.levels || {})[d.capacity] == null ? '—' : num(last.levels[d.capacity])), d.from || 'no additions']; }) }];
    if (p.binding && p.binding.length) {
      t.push({ title: 'Binding constraints', columns: ['constraint', 'alone permits', 'relaxed alone', 'what would have to change'], numeric: [1, 2],
        rows: p.binding.map(function (b) { return [label(b.constraint), people(b.limit_per_year), people(b.relaxed_per_year), b.note]; }) });
    }
    return t;
  }

  // ---- backtest ----

  var backtestSeries = ['removals', 'arrests', 'detention_adp', 'court_backlog'];

  function backtestCharts(b) {
    var years = b.years || [];
    var fys = years.map(function (y) { return 'FY' + y.fy; });
    return backtestSeries.filter(function (s) { return years.length && years[0][s]; }).map(function (s) {
      var m = (b.mape || {})[s] || {};
      var o = base(label(s) + ': predicted and actual', people);
      o.xAxis = { type: 'category', data: fys };
      o.yAxis = valueAxis(people, s === 'court_backlog' ? 'cases' : 'persons');
      o.series = [
        line('predicted', years.map(function (y) { return y[s].predicted; }), { showSymbol: true }),
        { name: 'actual', type: 'scatter', data: years.map(function (y) { return y[s].actual === undefined ? null : y[s].actual; }), symbolSize: 8 },
        { name: 'held out', type: 'scatter', symbol: 'emptyCircle', symbolSize: 14,
          data: years.map(function (y) { return y.held_out && y[s].actual != null ? y[s].actual : null; }) }
      ];
      return { id: 'backtest-' + s, title: label(s), option: o,
        caption: 'Mean absolute percentage error ' + (m.all == null ? '—' : m.all.toFixed(1) + '%') + ' over all years, ' +
          (m.held_out == null ? '—' : m.held_out.toFixed(1) + '%') + ' over the years held out of the calibration (ringed).' };
    });
  }

  function backtestTables(b) {
    return [{ title: 'Errors', caption: 'Held-out years: ' + (b.held_out_years || []).join(', ') + '.',
      columns: ['series', 'MAPE, all years', 'MAPE, held out'], numeric: [1, 2],
      rows: backtestSeries.map(function (s) {
        var m = (b.mape || {})[s] || {};
        return [label(s), m.all == null ? '—' : m.all.toFixed(1) + '%', m.held_out == null ? '—' : m.held_out.toFixed(1) + '%'];
      }) }];
  }

  // ---- sensitivity ----

  function sensitivityCharts(s) {
    var r = s.result || {}, rows = r.rows || [], o;
    if (s.method === 'oat') {
      o = base('One at a time: ' + label(s.metric) + ' with each parameter at its low and high', num);
      o.tooltip.axisPointer = { type: 'shadow' };
      o.grid.left = 8;
      o.xAxis = valueAxis(num, label(s.metric));
      o.yAxis = { type: 'category', data: rows.map(function (x) { return x.name; }), inverse: true, axisLabel: { width: 220, overflow: 'truncate' } };
      o.series = [
        { name: 'at low', type: 'bar', data: rows.map(function (x) { return x.at_low - r.base; }) },
        { name: 'at high', type: 'bar', data: rows.map(function (x) { return x.at_high - r.base; }), barGap: '-100%' }
      ];
      o.xAxis.axisLabel.formatter = function (v) { return num(v + r.base); };
      o.tooltip.valueFormatter = function (v) { return num(v + r.base); };
      return [{ id: 'sensitivity', title: 'Tornado', option: o, height: barHeight(rows.length),
        caption: 'Bars start at the base value (' + num(r.base) + ') and end at the outcome with the parameter at the low or high end of its range, the others at their values; sorted by swing.' }];
    }
    if (s.method === 'morris') {
      o = base('Morris elementary effects on ' + label(s.metric));
      o.tooltip = { trigger: 'item', confine: true, formatter: function (p) { return p.data[2] + '<br>mu* ' + num(p.data[0]) + ', sigma ' + num(p.data[1]); } };
      o.legend = { show: false };
      o.xAxis = valueAxis(num, 'mu*');
      o.yAxis = valueAxis(num, 'sigma');
      o.series = [{ type: 'scatter', data: rows.map(function (x) { return [x.mu_star, x.sigma, x.name]; }), symbolSize: 10 }];
      return [{ id: 'sensitivity', title: 'Morris screening', option: o,
        caption: 'mu*: overall influence; sigma: non-linearity or interaction, both in outcome units per full range of the parameter.' }];
    }
    o = base('Sobol indices of ' + label(s.metric));
    o.tooltip.axisPointer = { type: 'shadow' };
    o.grid.left = 8;
    o.xAxis = valueAxis(function (v) { return v.toFixed(2); }, 'share of variance');
    o.yAxis = { type: 'category', data: rows.map(function (x) { return x.name; }), inverse: true, axisLabel: { width: 220, overflow: 'truncate' } };
    o.series = [
      { name: 'first order (S1)', type: 'bar', data: rows.map(function (x) { return x.s1; }) },
      { name: 'total (ST)', type: 'bar', data: rows.map(function (x) { return x.st; }) }
    ];
    return [{ id: 'sensitivity', title: 'Sobol indices', option: o, height: barHeight(2 * rows.length),
      caption: 'Share of the outcome\'s variance each parameter explains alone (S1) and with its interactions (ST); N = ' + r.n + '.' }];
  }

  function sensitivityTables(s) {
    var r = s.result || {}, rows = r.rows || [];
    if (s.method === 'oat') {
      return [{ title: 'Swings', columns: ['parameter', 'low', 'high', 'at low', 'at high', 'swing'], numeric: [1, 2, 3, 4, 5],
        rows: rows.map(function (x) { return [x.name, num(x.low), num(x.high), num(x.at_low), num(x.at_high), num(x.swing)]; }) }];
    }
    if (s.method === 'morris') {
      return [{ title: 'Elementary effects', columns: ['parameter', 'mu*', 'mu', 'sigma'], numeric: [1, 2, 3],
        rows: rows.map(function (x) { return [x.name, num(x.mu_star), num(x.mu), num(x.sigma)]; }) }];
    }
    return [{ title: 'Indices', columns: ['parameter', 'S1', '95% interval', 'ST', '95% interval'], numeric: [1, 2, 3, 4],
      rows: rows.map(function (x) {
        return [x.name, x.s1.toFixed(3), '[' + x.s1_low.toFixed(3) + ', ' + x.s1_high.toFixed(3) + ']', x.st.toFixed(3), '[' + x.st_low.toFixed(3) + ', ' + x.st_high.toFixed(3) + ']'];
      }) }];
  }

  // ---- procedure ----

  function procedureCharts(d) {
    var o = base('The legal procedure as a state machine');
    o.tooltip = { trigger: 'item', confine: true, formatter: function (p) {
      return p.dataType === 'edge' ? label(p.data.source) + ' → ' + label(p.data.target) + '<br>' + p.data.guard + '<br><i>' + p.data.rule + '</i>' : label(p.name);
    } };
    o.legend = { show: true, bottom: 0, data: ['entry', 'at large or released', 'detained', 'exit'] };
    o.grid = undefined;
    o.series = [{
      type: 'graph', layout: 'none', roam: true, edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 7,
      categories: [{ name: 'entry' }, { name: 'at large or released' }, { name: 'detained' }, { name: 'exit' }],
      label: { show: true, position: 'bottom', fontSize: 11, formatter: function (p) { return label(p.name); } },
      lineStyle: { opacity: 0.5, curveness: 0.15 },
      data: d.nodes.map(function (n) { return { name: n.name, x: n.x, y: n.y, category: n.category, symbolSize: 18 }; }),
      links: d.links.map(function (l) { return { source: l.from, target: l.to, guard: l.guard, rule: l.rule }; })
    }];
    return [{ id: 'procedure', title: 'Procedure diagram', option: o, height: 620,
      caption: 'Every state people pass through and every transition both engines take, with the guards filled in from the scenario (hover an arrow). Capacities gate the queue states. "removalsim procedure --format dot" draws the same machine for Graphviz.' }];
  }

  var builders = {
    run: [runCharts, runTables],
    compare: [compareCharts, compareTables],
    plan: [planCharts, planTables],
    backtest: [backtestCharts, backtestTables],
    sensitivity: [sensitivityCharts, sensitivityTables],
    procedure: [procedureCharts, function () { return []; }]
  };

  function charts(section) {
    var b = builders[section.kind];
    return b ? b[0](section.data) : [];
  }

  function tables(section) {
    var b = builders[section.kind];
    return b ? b[1](section.data) : [];
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text != null) { e.textContent = text; }
    return e;
  }

  // tableElement builds a table; numeric columns are right-aligned.
  function tableElement(t) {
    var wrap = el('div', 'table-wrap');
    var table = el('table');
    var thead = el('thead'), tr = el('tr');
    t.columns.forEach(function (c, i) { tr.appendChild(el('th', (t.numeric || []).indexOf(i) >= 0 ? 'num' : '', c)); });
    thead.appendChild(tr);
    table.appendChild(thead);
    var tbody = el('tbody');
    t.rows.forEach(function (row) {
      var r = el('tr');
      row.forEach(function (c, i) { r.appendChild(el('td', (t.numeric || []).indexOf(i) >= 0 ? 'num' : '', c)); });
      tbody.appendChild(r);
    });
    table.appendChild(tbody);
    wrap.appendChild(table);
    return wrap;
  }

  // mount draws a section's charts and tables into container and returns
  // the ECharts instances. Each chart's element gets data-drawn="true"
  // once ECharts has rendered it.
  function mount(container, section) {
    var instances = [];
    charts(section).forEach(function (c) {
      var fig = el('figure', 'chart-figure');
      var div = el('div', 'chart');
      if (c.height) { div.style.height = c.height + 'px'; }
      div.id = (section.id || section.kind) + '-' + c.id;
      div.setAttribute('role', 'img');
      div.setAttribute('aria-label', c.title);
      fig.appendChild(div);
      if (c.caption) { fig.appendChild(el('figcaption', '', c.caption)); }
      container.appendChild(fig);
      var chart = global.echarts.init(div, null, { renderer: 'canvas' });
      chart.on('finished', function () { div.setAttribute('data-drawn', 'true'); });
      chart.setOption(c.option);
      instances.push(chart);
    });
    tables(section).forEach(function (t) {
      container.appendChild(el('h3', '', t.title));
      if (t.caption) { container.appendChild(el('p', 'caption', t.caption)); }
      container.appendChild(tableElement(t));
    });
    return instances;
  }

  global.RemovalsimCharts = {
    charts: charts, tables: tables, mount: mount,
    format: { people: people, money: money, pct: pct, num: num }
  };
})(this);
