/**
 * The page's own script (plain ES2020, no imports): reads the chart specs from
 * `<script type="application/json" id="kmsplan-charts">`, draws each with uPlot into
 * `<div data-chart="ID">`, keeps the charts sized to their column on resize (print scales the
 * canvases by CSS), opens collapsed details for printing, and
 * publishes what it drew as `window.kmsplanReport`:
 *
 *   { ready: true, errors: [], charts: [{ id, kind, series: [{ label, length, points }] }] }
 *
 * where `length` is the series' data length and `points` its non-null values, read back from the
 * uPlot instance (so a test sees what was drawn, not what was asked). Errors are also logged with
 * `console.error`, which the browser tests treat as a failure.
 */
export const CLIENT_SCRIPT = String.raw`
(function () {
  "use strict";
  var report = { ready: false, errors: [], charts: [] };
  window.kmsplanReport = report;
  var specs = JSON.parse(document.getElementById("kmsplan-charts").textContent || "[]");
  var plots = [];
  var HEIGHT = 260;
  function heightOf(spec) { return spec.heightPx || HEIGHT; }

  var full = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
  var sig3 = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 3 });
  var compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

  function fmtMs(v) {
    if (v >= 1000) return sig3.format(v / 1000) + " s";
    return sig3.format(v) + " ms";
  }
  /** A value for the legend: full precision that a reader quotes. */
  function fmtValue(v, unit) {
    if (v == null || !isFinite(v)) return "";
    switch (unit) {
      case "ms": return fmtMs(v);
      case "usd": return "$" + full.format(v);
      case "pct": return sig3.format(v) + "%";
      case "perSec": return (Math.abs(v) >= 100 ? full.format(v) : sig3.format(v)) + "/s";
      default: return Math.abs(v) >= 100 ? full.format(v) : sig3.format(v);
    }
  }
  /** A value on an axis: short. */
  function fmtTick(v, unit) {
    if (v == null) return "";
    switch (unit) {
      case "ms": return fmtMs(v);
      case "usd": return "$" + compact.format(v);
      case "pct": return sig3.format(v) + "%";
      default: return compact.format(v);
    }
  }
  function fmtSeconds(s) {
    var m = Math.floor(s / 60), r = Math.round(s - m * 60);
    return m + ":" + (r < 10 ? "0" : "") + r;
  }
  /** "nines" (log10 of 1/(1-q)) -> "99.9%". */
  function fmtNines(x) {
    var q = 100 * (1 - Math.pow(10, -x));
    if (q <= 0) return "0%";
    var d = Math.min(6, Math.max(0, Math.ceil(x - 1e-9) - 2));
    var t = q.toFixed(d);
    return (t.indexOf(".") >= 0 ? t.replace(/0+$/, "").replace(/\.$/, "") : t) + "%";
  }

  function xAxis(spec) {
    var base = { label: spec.x.label, labelSize: 20, size: 38, stroke: "#444", grid: { stroke: "#eee" }, ticks: { stroke: "#ccc" } };
    if (spec.kind === "time") {
      base.incrs = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 28800, 86400];
      base.values = function (u, splits) { return splits.map(fmtSeconds); };
    } else if (spec.kind === "spectrum") {
      base.splits = function (u, i, min, max) {
        var out = [0];
        for (var k = 1; k <= Math.floor(max); k++) out.push(k);
        return out.filter(function (v) { return v >= min - 1e-9 && v <= max + 1e-9; });
      };
      base.values = function (u, splits) { return splits.map(fmtNines); };
    } else {
      var cats = spec.x.categories || [];
      base.splits = function () { return cats.map(function (_, i) { return i; }); };
      base.values = function (u, splits) { return splits.map(function (i) { return cats[i] == null ? "" : cats[i]; }); };
      base.grid = { show: false };
    }
    return base;
  }

  function yAxis(axis, scale, side) {
    return {
      scale: scale, side: side, label: axis.label, labelSize: 20, size: 64, stroke: "#444",
      grid: { show: side === 3, stroke: "#eee" }, ticks: { stroke: "#ccc" },
      values: function (u, splits) { return splits.map(function (v) { return fmtTick(v, axis.unit); }); },
    };
  }

  function scaleFor(axis) {
    if (axis.log) return { distr: 3, log: 10 };
    return {
      range: function (u, min, max) {
        var lo = axis.min != null ? axis.min : Math.min(0, min == null ? 0 : min);
        var hi = axis.max != null ? axis.max : (max == null || max <= lo ? lo + 1 : max * 1.08);
        return [lo, hi];
      },
    };
  }

  function alpha(color, a) {
    var m = /^#([0-9a-f]{6})$/i.exec(color);
    if (!m) return color;
    var n = parseInt(m[1], 16);
    return "rgba(" + (n >> 16) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + a + ")";
  }

  function seriesOpts(s, spec, unit) {
    var o = {
      label: s.label, scale: s.axis || "y", stroke: s.color, width: 1.5, spanGaps: !!s.spanGaps,
      points: { show: false },
      value: function (u, v, si, di) { return di == null ? "" : fmtValue(s._raw ? s._raw[di] : v, unit); },
    };
    if (s.fill) o.fill = alpha(s.color, 0.12);
    if (s.style === "step") { o.paths = uPlot.paths.stepped({ align: 1 }); o.width = 2; }
    if (s.style === "dash") { o.dash = [6, 4]; o.width = 1.5; }
    if (s.style === "bars") {
      o.paths = uPlot.paths.bars({ size: spec.kind === "bars" ? [0.55, 140] : [1, 100], gap: spec.kind === "bars" ? 0 : 0 });
      o.fill = spec.kind === "bars" ? s.color : alpha(s.color, 0.55);
      o.width = spec.kind === "bars" ? 0 : 1;
    }
    if (s.style === "points") {
      o.paths = function () { return null; };
      o.points = { show: true, size: 8, width: 2, fill: "#fff", stroke: s.color };
    }
    return o;
  }

  function marksHook(spec) {
    return function (u) {
      var m = spec.marks;
      if (!m || !m.ranges.length) return;
      var ctx = u.ctx, top = u.bbox.top, h = u.bbox.height;
      ctx.save();
      ctx.fillStyle = m.color;
      for (var i = 0; i < m.ranges.length; i++) {
        var x0 = u.valToPos(m.ranges[i].from, "x", true), x1 = u.valToPos(m.ranges[i].to, "x", true);
        ctx.fillRect(x0, top, Math.max(x1 - x0, 2 * (window.devicePixelRatio || 1)), h);
      }
      ctx.restore();
    };
  }

  /** Series as uPlot gets them: stacked bars summed (drawn tallest first, so each shows its own segment), log values > 0 only. */
  function drawnSeries(spec) {
    var list = spec.series.map(function (s) { return Object.assign({}, s); });
    if (spec.stacked) {
      var acc = spec.x.values.map(function () { return 0; });
      var bars = list.filter(function (s) { return s.style === "bars"; });
      bars.forEach(function (s) {
        s._raw = s.values;
        s.values = s.values.map(function (v, i) { acc[i] += v || 0; return acc[i]; });
      });
      list = bars.reverse().concat(list.filter(function (s) { return s.style !== "bars"; }));
    }
    list.forEach(function (s) {
      var ax = s.axis === "y2" ? spec.y2 : spec.y;
      if (ax && ax.log) s.values = s.values.map(function (v) { return v != null && v > 0 ? v : null; });
    });
    return list;
  }

  function widthOf(el) {
    return Math.max(280, Math.floor(el.clientWidth || el.parentNode.clientWidth || 800));
  }

  function build(spec) {
    var el = document.querySelector('[data-chart="' + spec.id + '"]');
    if (!el) throw new Error("no element for chart " + spec.id);
    var series = drawnSeries(spec);
    var scales = { x: spec.kind === "time" ? { time: false } : spec.kind === "bars" ? { time: false, range: function () { return [-0.5, spec.x.values.length - 0.5]; } } : { time: false } };
    scales.y = scaleFor(spec.y);
    var axes = [xAxis(spec), yAxis(spec.y, "y", 3)];
    if (spec.y2) { scales.y2 = scaleFor(spec.y2); axes.push(yAxis(spec.y2, "y2", 1)); }
    var opts = {
      width: widthOf(el), height: heightOf(spec),
      legend: { live: true },
      cursor: { drag: { x: spec.kind === "time", y: false }, points: { size: 6 } },
      scales: scales, axes: axes,
      series: [{
        label: spec.x.label,
        value: function (u, v, si, di) {
          if (di == null) return "";
          return spec.kind === "time" ? fmtSeconds(v) : spec.kind === "spectrum" ? fmtNines(v) : (spec.x.categories || [])[v];
        },
      }].concat(series.map(function (s) { return seriesOpts(s, spec, (s.axis === "y2" ? spec.y2 : spec.y).unit); })),
      hooks: { drawClear: [marksHook(spec)] },
    };
    var data = [spec.x.values].concat(series.map(function (s) { return s.values; }));
    var u = new uPlot(opts, data, el);
    plots.push({ u: u, el: el, h: heightOf(spec) });
    return {
      id: spec.id, kind: spec.kind, title: spec.title,
      series: u.series.slice(1).map(function (s, i) {
        var d = u.data[i + 1];
        return { label: s.label, length: d.length, points: d.filter(function (v) { return v != null; }).length };
      }),
      xLength: u.data[0].length,
    };
  }

  function resizeAll() {
    plots.forEach(function (p) { p.u.setSize({ width: widthOf(p.el), height: p.h }); });
  }

  specs.forEach(function (spec) {
    try {
      report.charts.push(build(spec));
    } catch (e) {
      report.errors.push(spec.id + ": " + (e && e.message ? e.message : String(e)));
      console.error("kmsplan chart " + spec.id + " failed: " + (e && e.stack ? e.stack : e));
    }
  });

  var pending = 0;
  window.addEventListener("resize", function () {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(resizeAll);
  });
  var closed = [];
  window.addEventListener("beforeprint", function () {
    closed = Array.prototype.slice.call(document.querySelectorAll("details:not([open])"));
    closed.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closed.forEach(function (d) { d.open = false; });
  });
  report.ready = true;
})();
`;
