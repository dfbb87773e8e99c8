/* The Compute Race: charts laid out again for a phone's column, where they fit.

   A chart of the book is designed 535-910 px wide. On a wide screen it is drawn at that size
   (book.css scales its SVG down, never up, to the column). On a phone, scaling alone leaves
   its text 5-8 px high. So, when a page opens in a column narrower than a chart needs, the
   chart is first drawn at the column's width (Vega-Lite's "container" width, which follows
   the window when it is resized or turned), with its title, subtitle and axis titles wrapped
   and its legends in columns; if any of its text then reaches outside the drawn chart (long
   labels, annotations near an edge: what a narrower plot cannot hold), it is drawn again at
   its designed size and scaled, as on a wide screen. A concatenated or faceted chart keeps
   its layout. The stored notebooks and JupyterLab keep the spec's own size: this script is
   the book's only (book/_ext/offline_pages.py loads it with the Vega bundle). */
(function () {
  "use strict";
  var embed = window.vegaEmbed;
  if (typeof embed !== "function") return;

  /* What a chart needs beside its plot's width: its axes, labels and padding (CSS px). */
  var MARGINS = 140;
  /* Average width of a character, as a share of the font size (system-ui, Latin text). */
  var CHAR = 0.56;

  function wrap(lines, fontSize, width) {
    var chars = Math.max(20, Math.floor(width / (fontSize * CHAR)));
    var out = [];
    (Array.isArray(lines) ? lines : [lines]).forEach(function (line) {
      var current = "";
      String(line).split(/\s+/).forEach(function (word) {
        if (current && (current + " " + word).length > chars) { out.push(current); current = word; }
        else current = current ? current + " " + word : word;
      });
      if (current) out.push(current);
    });
    return out;
  }

  /* Call visit(encoding) on a copy of every encoding of a spec and of its layers. */
  function walk(spec, visit) {
    if (spec.encoding) {
      spec.encoding = JSON.parse(JSON.stringify(spec.encoding));
      visit(spec.encoding);
    }
    if (Array.isArray(spec.layer)) spec.layer = spec.layer.map(function (layer) {
      var copy = Object.assign({}, layer);
      walk(copy, visit);
      return copy;
    });
  }

  /* The spec laid out for a column `column` px wide; the spec itself when it fits. */
  function fitted(spec, column) {
    if (!spec || typeof spec.width !== "number") return spec;
    if (spec.hconcat || spec.vconcat || spec.concat || spec.facet || spec.repeat) return spec;
    if (spec.width + MARGINS <= column) return spec;
    var config = spec.config || {}, titleConfig = config.title || {};
    var out = Object.assign({}, spec, {
      width: "container",
      autosize: {type: "fit-x", contains: "padding"}
    });
    out.config = Object.assign({}, config, {
      legend: Object.assign({}, config.legend || {}, {
        orient: "bottom", direction: "horizontal", columns: 2,
        labelLimit: Math.floor(column / 2) - 40, titleLimit: column - 20
      })
    });
    var axisFont = (config.axis || {}).titleFontSize || 11;
    walk(out, function (encoding) {
      ["x", "y"].forEach(function (channel) {
        var def = encoding[channel];
        if (!def || typeof def !== "object") return;
        var size = channel === "x" ? column - MARGINS / 2 : 240;
        if (typeof def.title === "string") def.title = wrap(def.title, axisFont, size);
        if (def.axis && typeof def.axis.title === "string") {
          def.axis = Object.assign({}, def.axis, {title: wrap(def.axis.title, axisFont, size)});
        }
      });
    });
    if (spec.title) {
      var title = typeof spec.title === "object" && !Array.isArray(spec.title)
        ? Object.assign({}, spec.title) : {text: spec.title};
      /* clear of the actions menu, which sits over the chart's top right corner on a phone */
      title.text = wrap(title.text, 1.1 * (titleConfig.fontSize || 13), column - 36);  // bold
      if (title.subtitle) {
        title.subtitle = wrap(title.subtitle, titleConfig.subtitleFontSize || 12, column);
      }
      out.title = title;
    }
    return out;
  }

  /* Whether every text of the chart drawn in `el` lies inside its SVG. */
  function textInside(el) {
    var svg = el.querySelector("svg.marks");
    if (!svg) return false;
    var box = svg.getBoundingClientRect();
    return Array.prototype.every.call(svg.querySelectorAll("text"), function (t) {
      var r = t.getBoundingClientRect();
      if (!r.width || !r.height || !t.textContent.trim()) return true;
      return r.left >= box.left - 1 && r.right <= box.right + 1 &&
        r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
    });
  }

  /* Draw the chart; then say on its element which layout it got: data-layout="column"
     (laid out at the column's width) or "designed" (its own size, scaled to the column). */
  function fitting(el, spec, options) {
    var target = typeof el === "string" ? document.querySelector(el) : el;
    var column = target && target.parentElement ? target.parentElement.clientWidth : 0;
    var narrow = column > 0 ? fitted(spec, column) : spec;
    function done(layout) {
      return function (result) {
        if (target) target.dataset.layout = layout;
        return result;
      };
    }
    if (narrow === spec) return embed(el, spec, options).then(done("designed"));
    return embed(el, narrow, options).then(function (result) {
      if (textInside(target)) return done("column")(result);
      result.finalize();
      return embed(el, spec, options).then(done("designed"));
    });
  }
  Object.keys(embed).forEach(function (key) { fitting[key] = embed[key]; });
  window.vegaEmbed = fitting;
})();
