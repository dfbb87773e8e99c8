/* The Compute Race: charts laid out again for the reader's column.

   A chart of the book is designed 380-910 px wide. This script wraps vegaEmbed (the book's
   only copy: book/_ext/offline_pages.py loads it with the Vega bundle; the stored notebooks
   and JupyterLab keep the spec's own size) and says on the chart's element which layout it
   drew (data-layout). It changes the Vega-Lite spec in the browser, not in Python: only the
   page knows its column's width (a 360 px phone, a 412 px one, a tablet turned), a page
   carries each chart once, and a chart module, or a chart not yet written, needs nothing
   of its own.

   - On a phone (a column narrower than PHONE px), every chart gets a phone layout, by
     mechanism rather than chart by chart (layoutSpec with PHONE_LAYOUT): a horizontal
     concatenation is stacked vertically (each panel with its own axis labels), a wrapped
     facet, concatenation or repeat drawn in one column, a column facet or repeat turned
     into rows, a grid (rows and columns) into one row facet per column, stacked; a row
     facet's labels put above their row and wrapped. Each plot is as wide as the column
     allows: a single view by Vega-Lite's "container" width, measured once drawn (its plot's
     width sizes its legends, titles and text marks) and drawn again if the guess was off;
     the views of a compound chart drawn, measured and drawn again with their width
     corrected by what the whole missed the column by. Legends go below the plot, stacked,
     in as many columns as their longest label allows; titles, subtitles (joined again into
     sentences) and axis titles wrap; category labels are limited to a share of the column
     (each chart's tooltips carry the full text), long ones along an x axis angled; a
     continuous x axis gets as many ticks as its labels' width allows, its end labels flush
     with its ends and any other label that would pass an end hidden; and a text mark beside
     a point is drawn on the side of the point that has room (right-aligned past the middle
     of its x scale), limited to that room. Fonts keep their designed size:
     data-layout="phone".
   - On a wider column (a tablet, a desktop), a chart is drawn at its designed size, and if
     that is wider than the column (so that CSS would scale it, and its text, down) it is
     laid out for the column instead, by the same machinery (layoutSpec, lay): a single view
     at the column's width ("container", measured and corrected); a wrapped facet,
     concatenation or repeat, a column facet or repeat, and side-by-side panels wrapped in as
     many columns as fit at their designed panel width (counted from the designed drawing,
     one fewer until the drawing fits); in one column (a row facet, a vertical concatenation
     likewise), a compound chart's views as wide as the column allows, measured and
     corrected as on a phone; a grid keeps its columns, narrowed until it fits. Legends stay
     beside the plot unless that leaves it narrower than KEEP of the column, then go below,
     as on a phone; titles, axis titles, labels and text marks as on a phone, with the
     column's room (x category labels angled only if wider than their band):
     data-layout="column". A chart that fits keeps its designed size and
     spec, untouched: data-layout="designed".
   - If any text of a laid-out chart still falls outside the drawn chart (or it is drawn
     wider than the column), it is drawn at its designed size and scaled down to the column
     instead (data-layout="designed"), and data-phone-problem names the first text outside.
   - When the window is resized or turned, or a chart's column changes width (the theme's
     sidebars), the chart is laid out again where that changes its layout (see relayout).

   helpers.build.phone measures what this gives (layout and smallest text per chart and
   width); tests/test_browser.py asserts it. */
(function () {
  "use strict";
  var embed = window.vegaEmbed;
  if (typeof embed !== "function") return;

  /* Average width of a character, as a share of the font size (system-ui, Latin text). */
  var CHAR = 0.56;
  /* Columns narrower than this (CSS px) are a phone's. */
  var PHONE = 560;
  /* The narrowest plot a phone layout draws (CSS px). */
  var MIN_PLOT = 90;
  /* The channels whose scale a legend shows. */
  var LEGENDS = ["color", "fill", "stroke", "shape", "size", "opacity", "strokeDash"];

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

  /* Lines already broken for a wide chart (helpers.charts._common.source_subtitle), joined
     again into their sentences: a line that does not end a sentence or a source runs on. */
  function sentences(lines) {
    if (!Array.isArray(lines)) return [lines];
    var out = [], current = "";
    lines.forEach(function (line) {
      current = current ? current + " " + line : String(line);
      if (/[.;:!?]$/.test(current.trim())) { out.push(current); current = ""; }
    });
    if (current) out.push(current);
    return out;
  }

  /* --- A layout for the column ----------------------------------------------------- */

  function copy(value) { return JSON.parse(JSON.stringify(value)); }
  function isObject(value) { return value && typeof value === "object" && !Array.isArray(value); }
  function compound(spec) {
    return !!(spec.hconcat || spec.vconcat || spec.concat || spec.facet || spec.repeat ||
      (spec.encoding && (spec.encoding.row || spec.encoding.column || spec.encoding.facet)));
  }

  /* Call visit(node, parent) on the spec and on each spec inside it (concatenated views,
     layers, a facet's or repeat's inner spec), parents first. */
  function eachSpec(node, visit, parent) {
    if (!isObject(node)) return;
    visit(node, parent);
    ["hconcat", "vconcat", "concat", "layer"].forEach(function (key) {
      if (Array.isArray(node[key])) node[key].forEach(function (child) { eachSpec(child, visit, node); });
    });
    if (isObject(node.spec)) eachSpec(node.spec, visit, node);
  }

  /* The rows of a spec's data (inline values or a named dataset of the top-level spec). */
  function rowsOf(node, parents, datasets) {
    for (var i = 0; i < parents.length + 1; i++) {
      var data = (i === 0 ? node : parents[i - 1]).data;
      if (!data) continue;
      if (Array.isArray(data.values)) return data.values;
      if (data.name && datasets && Array.isArray(datasets[data.name])) return datasets[data.name];
      return [];
    }
    return [];
  }

  /* The values a field takes in the rows (or its scale's explicit domain). */
  function valuesOf(def, rows) {
    return def.scale && Array.isArray(def.scale.domain) ? def.scale.domain
      : rows.map(function (r) { return r[def.field]; });
  }
  /* The longest text a field takes in the rows (or in a scale's explicit domain). */
  function longest(def, rows) {
    return valuesOf(def, rows).reduce(function (n, v) {
      return Math.max(n, v == null ? 0 : String(v).length);
    }, 0);
  }
  /* How many different values a field takes (at least one). */
  function distinct(def, rows) {
    var seen = {}, n = 0;
    valuesOf(def, rows).forEach(function (v) { if (!seen["$" + v]) { seen["$" + v] = 1; n += 1; } });
    return Math.max(1, n);
  }

  /* How a spec is laid out for its column: a phone's layout (`phone`: every view in one
     column, legends below), or a desktop's (see desktop): its views wrapped in `columns`
     columns, its legends below the plot if `below`, its plots no wider than designed unless
     `fill` (one column: as wide as the column). */
  var PHONE_LAYOUT = {phone: true, columns: 1, below: true};

  /* The spec laid out for a column `column` px wide, as `how` says: on a phone each plot
     `plot` px wide; on a desktop each plot as designed, or `plot` px if that is narrower. */
  function layoutSpec(spec, column, plot, how) {
    var datasets = spec.datasets;
    var out = Object.assign({}, spec);
    delete out.datasets;
    out = copy(out);
    if (datasets) out.datasets = datasets;  // shared, not copied
    var config = out.config = out.config || {};
    var titleConfig = config.title || {}, axisConfig = config.axis || {};
    var labelFont = axisConfig.labelFontSize || 10, axisFont = axisConfig.titleFontSize || 11;
    var legendFont = (config.legend || {}).labelFontSize || 10;
    var labelLimit = Math.round(column * 0.42);
    var single = !compound(out), phone = !!how.phone, below = !!how.below;

    if (below) config.legend = Object.assign({}, config.legend || {}, {
      orient: "bottom", direction: "horizontal", labelLimit: plot - 30, titleLimit: column - 20,
      gradientLength: Math.max(60, Math.min(200, plot - 40))
    });
    config.header = Object.assign({}, config.header || {}, {labelLimit: column - 10, titleLimit: column - 10});
    config.axis = Object.assign({}, axisConfig, {labelLimit: labelLimit});
    config.concat = Object.assign({spacing: 16}, config.concat || {});

    if (phone) out = ungrid(out, datasets);
    var parents = [];
    eachSpec(out, function (node, parent) {
      parents = [];
      for (var p = parent; p; p = p.__parent) parents.push(p);
      Object.defineProperty(node, "__parent", {value: parent, enumerable: false});
      /* side by side becomes one above the other (a desktop's: wrapped in as many columns as
         fit); each panel shows its own axis labels */
      if (Array.isArray(node.hconcat) && (phone || how.columns < node.hconcat.length)) {
        var panels = node.hconcat;
        delete node.hconcat;
        if (phone) node.vconcat = panels;
        else { node.concat = panels; node.columns = how.columns; }
        panels.forEach(function (panel) {
          eachSpec(panel, function (view) {
            var y = view.encoding && view.encoding.y;
            if (isObject(y) && isObject(y.axis)) { delete y.axis.labels; delete y.axis.ticks; }
          });
        });
      }
      /* a wrapped facet, concatenation or repeat in one column (a desktop's: in as many as
         fit); a column facet or repeat in rows (a desktop's: wrapped) */
      if (Array.isArray(node.concat)) node.columns = how.columns;
      if (isObject(node.facet)) {
        if (node.facet.field) node.columns = how.columns;
        else if (node.facet.column && !node.facet.row) {
          if (phone) node.facet.row = node.facet.column;
          else { node.facet = node.facet.column; node.columns = how.columns; }
          delete node.facet.column;
        }
      }
      if (node.repeat) {
        if (Array.isArray(node.repeat)) node.columns = how.columns;
        else if (node.repeat.column && !node.repeat.row) {
          var into = phone ? "row" : "repeat";
          if (phone) node.repeat.row = node.repeat.column;
          else { node.repeat = node.repeat.column; node.columns = how.columns; }
          delete node.repeat.column;
          eachSpec(node.spec, function (view) {
            var text = JSON.stringify(view.encoding || {}).replace(/\{"repeat":"column"\}/g, '{"repeat":"' + into + '"}');
            if (view.encoding) view.encoding = JSON.parse(text);
          });
        }
      }
      var enc = node.encoding;
      if (isObject(enc)) {
        if (enc.facet) node.columns = how.columns;
        if (enc.column && !enc.row) {
          if (phone) enc.row = enc.column;
          else { enc.facet = enc.column; node.columns = how.columns; }
          delete enc.column;
        }
      }
      /* a row's label above the row, as wide as the column */
      var rowDefs = [isObject(node.facet) ? node.facet.row : null, isObject(enc) ? enc.row : null];
      rowDefs.forEach(function (row) {
        if (!isObject(row)) return;
        var inner = isObject(node.spec) ? node.spec : node;
        var room = column - 10 - axisWidth(inner, parents.concat([node]), datasets, labelLimit, labelFont);
        var header = row.header || {};
        row.header = Object.assign({}, header, {
          labelOrient: "top", labelAngle: 0, labelAlign: "left", labelAnchor: "start",
          labelLimit: 0,
          /* wrapped at the room right of the y axis, where the label starts */
          labelExpr: wrapExpr(room - 10, 1.15 * (header.labelFontSize || (config.header || {}).labelFontSize || 11))
        });
      });
      /* the plot's width */
      var hasPlot = node.mark || Array.isArray(node.layer);
      /* this view's plot width, as far as it is known (a layer's is its parent's) */
      var own = parent && Array.isArray(parent.layer) && parent.__own ? parent.__own : plot;
      if (hasPlot && !(parent && Array.isArray(parent.layer))) {
        if (single && !parent) {
          node.width = "container";
          node.autosize = {type: "fit-x", contains: "padding"};
          /* room on the right for an end label of the x axis centred on its tick */
          node.padding = {left: 5, top: 5, bottom: 5, right: 12};
        } else if (phone) {
          var columns = isObject(enc) && enc.column ? 2 : 1;  // a grid facet keeps its columns
          node.width = Math.max(MIN_PLOT, Math.floor(plot / columns));
        } else if (typeof node.width === "number") {
          node.width = own = Math.max(MIN_PLOT, how.fill ? plot : Math.min(node.width, plot));
        }
      } else if (hasPlot && typeof node.width !== "undefined") {
        delete node.width;  // a layer takes its parent's width
      }
      Object.defineProperty(node, "__own", {value: own, enumerable: false});
      if (node.title && parent) node.title = wrapTitle(node.title, titleConfig, column);
      /* axes: titles wrapped, labels limited; legends below, in columns that fit */
      if (isObject(enc)) {
        var rows = rowsOf(node, parents, datasets);
        ["x", "y"].forEach(function (channel) {
          var def = enc[channel];
          if (!isObject(def)) return;
          var size = channel === "x" ? own - 20 : 240;
          if (typeof def.title === "string") def.title = wrap(def.title, axisFont, size);
          if (isObject(def.axis)) {
            if (typeof def.axis.title === "string") def.axis.title = wrap(def.axis.title, axisFont, size);
            if (typeof def.axis.labelLimit === "number" && def.axis.labelLimit > labelLimit) {
              def.axis.labelLimit = labelLimit;
            }
          }
          /* the end labels of a continuous x axis are aligned with its ends, not past them */
          if (channel === "x" && (def.type === "quantitative" || def.type === "temporal") &&
              def.axis !== null) {
            var log = isObject(def.scale) && def.scale.type === "log";
            def.axis = Object.assign({labelFlush: true, labelBound: 2}, def.axis || {}, {
              /* as many labels as the narrow axis holds; the others dropped where they touch */
              labelOverlap: log ? "greedy" : true, labelSeparation: 6
            });
            var count = def.axis.tickCount;  // a number, or an interval ("year") kept as it is
            if (!log && !def.axis.values && (count === undefined || typeof count === "number")) {
              var label = labelChars(def) * labelFont * CHAR + 16;
              def.axis.tickCount = Math.max(2, Math.min(count || 99, Math.floor(own / label)));
            }
          }
          /* category labels along a narrow x axis are angled (a desktop's: if they are
             wider than their band) */
          if (channel === "x" && (def.type === "nominal" || def.type === "ordinal") && def.axis !== null) {
            var chars = longest(def, rows);
            var band = phone ? 40 : own / distinct(def, rows) - 4;
            if (chars * labelFont * CHAR > band) {
              def.axis = Object.assign({labelAngle: -45, labelLimit: 110}, def.axis || {});
            }
            if (isObject(def.axis) || def.axis === undefined) {
              def.axis = Object.assign({}, def.axis || {}, {labelOverlap: true});
            }
          }
        });
        if (below) LEGENDS.forEach(function (channel) {
          var def = enc[channel];
          if (!isObject(def) || !def.field || def.legend === null) return;
          var entry = longest(def, rows) * legendFont * CHAR + 36;
          var legend = Object.assign({}, def.legend || {}, {orient: "bottom", direction: "horizontal"});
          if (def.type === "nominal" || def.type === "ordinal") {
            legend.columns = Math.max(1, Math.min(4, Math.floor(own / entry)));
          } else {
            legend.gradientLength = Math.max(60, Math.min(200, own - 40));
          }
          legend.labelLimit = Math.min(legend.labelLimit || Infinity, own - 30);
          if (typeof def.title === "string") def.title = wrap(def.title, legendFont, column - 20);
          def.legend = legend;
        });
      }
      /* a text mark beside a point: drawn on the side of the point with room */
      var mark = node.mark;
      if (isObject(mark) && mark.type === "text" && isObject(enc) && isObject(enc.x) && enc.x.field &&
          (mark.align === "left" || mark.align === "right") &&
          (enc.x.type === "quantitative" || enc.x.type === "temporal")) {
        var middle = middleOf(enc.x, node, parents, datasets);
        var dx = typeof mark.dx === "number" ? Math.abs(mark.dx) : 0;
        if (middle !== null) {
          var value = "datum[" + JSON.stringify(enc.x.field) + "]";
          if (enc.x.type === "temporal") value = "time(toDate(" + value + "))";
          var past = value + " > " + middle;
          mark.align = {expr: past + " ? 'right' : 'left'"};
          mark.dx = {expr: past + " ? " + -dx + " : " + dx};
        }
        mark.limit = Math.round(own / 2) - dx;
        if (middle !== null && single) {
          /* as long as the room between the point and the plot's edge, on its side */
          var at = "scale('x', " + value + ")";
          mark.limit = {expr: "max(" + mark.limit + ", (" + past + " ? " + at + " : width - " + at +
            ") - " + (dx + 2) + ")"};
        }
      }
    });
    if (out.title) out.title = wrapTitle(out.title, titleConfig, column);
    return out;
  }

  /* The value of an x field at the middle of its axis: its scale's explicit domain or the
     extent of the field over the layers beside it (log scales by their logarithm). */
  function middleOf(def, node, parents, datasets) {
    var parent = parents[0];
    var siblings = parent && Array.isArray(parent.layer) ? parent.layer : [node];
    var temporal = def.type === "temporal";
    var scale = def.scale || null, values = [];
    siblings.forEach(function (layer) {
      var x = layer.encoding && layer.encoding.x;
      if (!isObject(x) || !x.field) return;
      if (!scale && isObject(x.scale)) scale = x.scale;  // a layer's views share one x scale
      var rows = rowsOf(layer, layer === node ? parents : [parent].concat(parents), datasets);
      rows.forEach(function (r) {
        var v = temporal ? Date.parse(r[x.field]) : r[x.field];
        if (typeof v === "number" && isFinite(v)) values.push(v);
      });
    });
    var domain = scale && Array.isArray(scale.domain) ? scale.domain.map(function (v) {
      return temporal ? Date.parse(v) : Number(v);
    }) : null;
    if (!domain) {
      if (!values.length) return null;
      domain = [Math.min.apply(null, values), Math.max.apply(null, values)];
    }
    var lo = domain[0], hi = domain[domain.length - 1];
    if (!isFinite(lo) || !isFinite(hi)) return null;
    if (scale && scale.type === "log" && lo > 0 && hi > 0) return Math.sqrt(lo * hi);
    return (lo + hi) / 2;
  }

  /* A grid (a view faceted by rows and by columns) as one row facet per column, stacked,
     each titled by its column's value; the reader's selections stay on the first (the
     others' conditions read them from there). Any other spec is returned as it is. */
  function ungrid(spec, datasets) {
    var enc = spec.encoding;
    if (!isObject(enc) || !isObject(enc.row) || !isObject(enc.column) || !enc.column.field ||
        !spec.mark) return spec;
    var column = enc.column, field = column.field;
    var values = Array.isArray(column.sort) ? column.sort.slice() : [];
    rowsOf(spec, [], datasets).forEach(function (r) {
      if (values.indexOf(r[field]) < 0) values.push(r[field]);
    });
    if (!Array.isArray(column.sort)) values.sort();
    var top = {}, view = {};
    Object.keys(spec).forEach(function (key) {
      var outer = ["$schema", "config", "datasets", "title", "description", "autosize",
        "background", "padding", "usermeta"].indexOf(key) >= 0;
      (outer ? top : view)[key] = spec[key];
    });
    top.vconcat = values.map(function (value, i) {
      var panel = copy(view);
      delete panel.encoding.column;
      if (i > 0) delete panel.params;
      panel.transform = (panel.transform || []).concat([{filter: {field: field, equal: value}}]);
      panel.title = {text: String(value), anchor: "start", fontSize: 13};
      return panel;
    });
    return top;
  }

  /* The characters of a continuous axis's longest label, from its format (a date's
     directives spelt out) or a typical number's. */
  function labelChars(def) {
    var format = isObject(def.axis) && typeof def.axis.format === "string" ? def.axis.format : null;
    if (def.type === "temporal") {
      if (!format) return 6;
      var widths = {Y: 4, y: 2, b: 3, B: 9, a: 3, A: 9, d: 2, e: 2, m: 2, H: 2, M: 2, S: 2, q: 1};
      return format.replace(/%-?([a-zA-Z])/g, function (_, d) { return "x".repeat(widths[d] || 2); }).length;
    }
    return 5;
  }

  /* A Vega expression breaking a header's label into lines of at most `width` px. */
  function wrapExpr(width, fontSize) {
    var chars = Math.max(12, Math.floor(width / (fontSize * CHAR)));
    return "split(slice(replace(datum.label, regexp('(.{1," + chars + "})(\\\\s+|$)', 'g'), " +
      "'$1\\n'), 0, -1), '\\n')";
  }

  /* An estimate of the width of the y axis of a view (or of the widest of its layers): its
     longest label (a category's, limited to `limit`; a number's, 6 characters) and its
     title. */
  function axisWidth(view, parents, datasets, limit, labelFont) {
    var widest = 0;
    eachSpec(view, function (node) {
      var y = node.encoding && node.encoding.y;
      if (!isObject(y) || y.axis === null) return;
      var labels = 6 * labelFont * CHAR;
      if (y.type === "nominal" || y.type === "ordinal") {
        var own = isObject(y.axis) && typeof y.axis.labelLimit === "number" ? y.axis.labelLimit : limit;
        labels = Math.min(own, limit, longest(y, rowsOf(node, parents, datasets)) * labelFont * CHAR);
      }
      var title = y.title === null || (isObject(y.axis) && y.axis.title === null) ? 0 : 18;
      widest = Math.max(widest, labels + title + 10);
    });
    return widest;
  }

  function wrapTitle(title, titleConfig, column) {
    var out = isObject(title) ? Object.assign({}, title) : {text: title};
    /* clear of the actions menu, which sits over the chart's top right corner on a phone */
    out.text = wrap(sentences(out.text), 1.1 * (titleConfig.fontSize || 13), column - 36);
    if (out.subtitle) {
      out.subtitle = wrap(sentences(out.subtitle), titleConfig.subtitleFontSize || 12, column - 4);
    }
    return out;
  }

  /* --- Drawing ------------------------------------------------------------------------ */

  /* Whether Vega hid a text (an axis label it dropped for overlap has opacity 0). */
  function hidden(t) {
    for (var e = t; e && e.tagName !== "svg"; e = e.parentElement) {
      if (getComputedStyle(e).opacity === "0") return true;
    }
    return false;
  }

  /* The first text of the chart drawn in `el` outside its SVG, or null. */
  function textOutside(el) {
    var svg = el.querySelector("svg.marks");
    if (!svg) return "no chart drawn";
    var box = svg.getBoundingClientRect(), found = null;
    Array.prototype.some.call(svg.querySelectorAll("text"), function (t) {
      var r = t.getBoundingClientRect();
      if (!r.width || !r.height || !t.textContent.trim() || hidden(t)) return false;
      if (r.left >= box.left - 1 && r.right <= box.right + 1 &&
        r.top >= box.top - 1 && r.bottom <= box.bottom + 1) return false;
      found = '"' + t.textContent.slice(0, 40) + '" at ' + Math.round(r.left - box.left) + ".." +
        Math.round(r.right - box.left) + " of " + Math.round(box.width) + " px";
      return true;
    });
    return found;
  }
  /* The width Vega drew the chart in `el` at (its SVG's own, before CSS scales it). */
  function drawnWidth(el) {
    var svg = el.querySelector("svg.marks");
    return svg ? parseFloat(svg.getAttribute("width")) || 0 : 0;
  }

  /* The width a chart has in `el` before CSS scales it down: the element's, less its padding
     (book.css puts the actions menu in the padding); Vega's "container" width is the same. */
  function roomOf(el) {
    var style = getComputedStyle(el);
    return el.clientWidth - (parseFloat(style.paddingLeft) || 0) - (parseFloat(style.paddingRight) || 0);
  }

  /* Vega-Embed's options for legends below a chart: several are stacked, not put side by
     side (Vega's legend layout, which Vega-Lite does not expose). */
  function belowOptions(options) {
    var own = options && options.patch;
    return Object.assign({}, options, {
      patch: function (vg) {
        if (typeof own === "function") vg = own(vg);
        vg.config = vg.config || {};
        vg.config.legend = Object.assign({}, vg.config.legend || {}, {
          layout: {bottom: {direction: "vertical", anchor: "start", margin: 8}}
        });
        return vg;
      }
    });
  }

  /* Draw the chart laid out as `how` says, then measure it and draw it again where the guess
     of its plot's width was off: a single view's plot (whose width Vega fits to the column)
     sizes its legends and wrapped titles; a compound chart's views are narrowed (or widened:
     on a desktop, past their designed width `cap` only if `how.fill`) by what the whole
     missed the column by, per pixel of plot (a grid has several across). A desktop's
     compound chart wrapped in more than one column keeps its designed widths (`how.narrow`
     false). The plot's width drawn is left in `how.plot`. */
  function lay(el, target, spec, options, column, how, plot) {
    var tries = 0, multi = compound(spec), before = null;
    var cap = how.phone || how.fill ? Infinity : plot;
    function attempt() {
      tries += 1;
      var drawOptions = how.below ? belowOptions(options) : options;
      return embed(el, layoutSpec(spec, column, plot, how), drawOptions).then(function (result) {
        var next = plot;
        how.plot = plot;
        if (!multi) {
          next = how.plot = Math.round(result.view.width());
          if (Math.abs(next - plot) <= 8) next = plot;
        } else if (how.phone || how.narrow) {
          var width = drawnWidth(target), goal = column - 2;
          if (width > column || (width < goal - 12 && plot < cap)) {
            var slope = before ? (width - before.width) / (plot - before.plot) : 1;
            if (!isFinite(slope) || slope < 0.5) slope = 1;
            next = Math.max(MIN_PLOT, Math.min(cap, Math.floor(plot - (width - goal) / slope)));
            before = {width: width, plot: plot};
          }
        }
        if (next === plot || tries >= 4) return result;
        plot = next;
        result.finalize();
        return attempt();
      });
    }
    return attempt();
  }

  function phone(el, target, spec, options, column) {
    return lay(el, target, spec, options, column, Object.assign({}, PHONE_LAYOUT), column - 130);
  }

  /* --- A desktop's layout -------------------------------------------------------------- */

  /* The share of the column a plot keeps with its legends beside it; narrower, they go below
     (unless the plot was designed narrower still). */
  var KEEP = 0.55;

  /* How many columns of views a compound chart has as designed (1 for a row facet, a
     vertical concatenation, a grid: those are narrowed, not wrapped). */
  function across(spec) {
    var rows = rowsOf(spec, [], spec.datasets), enc = isObject(spec.encoding) ? spec.encoding : {};
    function count(def) { return isObject(def) && def.field ? distinct(def, rows) : 1; }
    function wrapped(n) { return Math.max(1, Math.min(spec.columns || n, n)); }
    if (Array.isArray(spec.hconcat)) return spec.hconcat.length;
    if (Array.isArray(spec.concat)) return wrapped(spec.concat.length);
    if (isObject(spec.facet)) {
      if (spec.facet.field) return wrapped(count(spec.facet));
      return spec.facet.column && !spec.facet.row ? count(spec.facet.column) : 1;
    }
    if (Array.isArray(spec.repeat)) return wrapped(spec.repeat.length);
    if (isObject(spec.repeat)) {
      var cols = spec.repeat.column;
      return Array.isArray(cols) && !spec.repeat.row ? cols.length : 1;
    }
    if (isObject(enc.facet)) return wrapped(count(enc.facet));
    if (isObject(enc.column) && !isObject(enc.row)) return count(enc.column);
    return 1;
  }

  /* The widest plot a spec's views are designed with (CSS px), or null. */
  function widestPlot(spec) {
    var widest = null;
    eachSpec(spec, function (node) {
      if ((node.mark || Array.isArray(node.layer)) && typeof node.width === "number") {
        widest = Math.max(widest || 0, node.width);
      }
    });
    return widest;
  }

  /* Whether a legend of the spec sits beside its plot (left or right, Vega-Lite's default). */
  function legendsBeside(spec) {
    var config = isObject(spec.config) && isObject(spec.config.legend) ? spec.config.legend : {};
    var found = false;
    eachSpec(spec, function (node) {
      var enc = node.encoding;
      if (!isObject(enc)) return;
      LEGENDS.forEach(function (channel) {
        var def = enc[channel];
        if (!isObject(def) || !def.field || def.legend === null) return;
        var orient = (isObject(def.legend) && def.legend.orient) || config.orient || "right";
        if (["top", "bottom", "none"].indexOf(orient) < 0) found = true;
      });
    });
    return found;
  }

  /* Lay out for a desktop's column `room` px wide a chart that, designed, is drawn `width`
     px wide (wider than the column): a single view at the column's width; a compound chart's
     views wrapped in as many columns as fit at their designed widths, or, in one column, as
     wide as the column allows (a grid's narrowed until it fits); legends kept beside the plot unless that leaves it
     narrower than KEEP of the column, then below. */
  function desktop(el, target, spec, options, room, width) {
    var multi = compound(spec), n = multi ? across(spec) : 1, designed = widestPlot(spec);
    var beside = legendsBeside(spec);
    var enc = isObject(spec.encoding) ? spec.encoding : {};
    var grid = isObject(enc.row) && isObject(enc.column) ||
      isObject(spec.facet) && !!spec.facet.row && !!spec.facet.column;
    /* legends designed below are laid out below too, in as many columns as fit */
    var how = {phone: false, below: !beside, columns: Math.max(1, Math.min(n, Math.floor(n * room / width)))};
    function attempt() {
      how.narrow = how.columns === 1;
      /* in one column, the views take the column's width (a grid keeps its columns) */
      how.fill = multi && how.columns === 1 && !grid;
      var plot = multi && designed && !how.fill ? designed : room - 130;
      return lay(el, target, spec, options, room, how, plot).then(function (result) {
        if (multi && how.columns > 1 && drawnWidth(target) > room + 2) {
          result.finalize();
          how.columns -= 1;
          return attempt();
        }
        if (beside && !how.below && how.plot < Math.min(KEEP * room, 0.9 * (designed || Infinity))) {
          result.finalize();
          how.below = true;
          return attempt();
        }
        return result;
      });
    }
    return attempt();
  }

  /* --- Choosing the layout ------------------------------------------------------------ */

  function fitting(el, spec, options) {
    var target = typeof el === "string" ? document.querySelector(el) : el;
    var column = target && target.parentElement ? target.parentElement.clientWidth : 0;
    function done(layout, problem) {
      return function (result) {
        if (target) {
          target.dataset.layout = layout;
          if (problem) target.dataset.phoneProblem = problem;
          else delete target.dataset.phoneProblem;
          remember(target, {el: el, spec: spec, options: options, result: result, column: column});
        }
        return result;
      };
    }
    /* the layout drawn if it has all its text inside and fits `room`; else the designed */
    function checked(laid, layout, room) {
      return laid.then(function (result) {
        var problem = textOutside(target);
        if (drawnWidth(target) > room + 2) problem = "drawn " + drawnWidth(target) + " px wide";
        if (!problem) return done(layout)(result);
        result.finalize();
        return embed(el, spec, options).then(done("designed", problem));
      }, function (err) {
        return embed(el, spec, options).then(done("designed", String(err)));
      });
    }
    function attempt(lay) {
      try { return lay(); } catch (err) { return Promise.reject(err); }
    }
    if (!spec || !target || column <= 0) return embed(el, spec, options).then(done("designed"));
    if (column < PHONE) {
      return checked(attempt(function () { return phone(el, target, spec, options, column); }), "phone", column);
    }
    /* a desktop's: drawn as designed, and laid out for the column if CSS would scale it down */
    return embed(el, spec, options).then(function (result) {
      var room = roomOf(target), width = drawnWidth(target);
      if (width <= room + 1) return done("designed")(result);
      result.finalize();
      return checked(attempt(function () {
        return desktop(el, target, spec, options, room, width);
      }), "column", room);
    });
  }

  /* --- Following the window ------------------------------------------------------------ */

  /* Each chart drawn, by its element: what drew it, and for which column width. When the
     window is resized or turned, or a chart's column changes width, a chart is laid out
     again if its column crossed PHONE (a phone's layout for a desktop's or back), if it is
     drawn at its designed size and no longer fits, or otherwise if its column changed by
     more than RELAYOUT px. window.chartsFit says when every chart is laid out for the
     window: its `width` is the window's width it last finished for, and `busy` the charts
     being drawn (and a relayout waiting to start). */
  var RELAYOUT = 24;
  var drawn = [];
  var state = window.chartsFit = {width: window.innerWidth, busy: 0};
  function remember(target, entry) {
    for (var i = 0; i < drawn.length; i++) if (drawn[i].target === target) drawn.splice(i, 1);
    entry.target = target;
    drawn.push(entry);
    observe(target.parentElement);
  }
  function relayout() {
    var width = window.innerWidth;
    var again = drawn.filter(function (d) {
      if (!d.target.isConnected) return false;
      var column = d.target.parentElement.clientWidth;
      if ((column < PHONE) !== (d.column < PHONE)) return true;
      if (column >= PHONE && d.target.dataset.layout === "designed" && !d.target.dataset.phoneProblem) {
        return drawnWidth(d.target) > roomOf(d.target) + 1;  // it fitted: does it still?
      }
      return Math.abs(column - d.column) > RELAYOUT;
    });
    state.busy += again.length;
    if (!again.length && !state.busy) { state.width = width; return; }
    again.forEach(function (d) {
      d.result.finalize();
      fitting(d.el, d.spec, d.options).catch(function () { return null; }).then(function () {
        state.busy -= 1;
        if (state.busy === 0) state.width = width;
      });
    });
  }
  /* Laid out again 150 ms after the window or a chart's column last changed width (a column
     can change after the window does: the theme's sidebars slide in and out); `busy` counts
     a pending relayout too. */
  var timer = null;
  function schedule() {
    if (timer) clearTimeout(timer);
    else state.busy += 1;
    timer = setTimeout(function () {
      timer = null;
      relayout();
      state.busy -= 1;
      if (state.busy === 0) state.width = window.innerWidth;
    }, 150);
  }
  window.addEventListener("resize", schedule);
  var widths = typeof WeakMap === "function" ? new WeakMap() : null;
  var observer = widths && typeof ResizeObserver === "function" ? new ResizeObserver(function (entries) {
    var changed = false;
    entries.forEach(function (entry) {
      var width = Math.round(entry.contentRect.width), was = widths.get(entry.target);
      widths.set(entry.target, width);
      if (was !== undefined && was !== null && was !== width) changed = true;
    });
    if (changed) schedule();
  }) : null;
  function observe(column) {
    if (observer && column && !widths.has(column)) {
      widths.set(column, null);  // its first report (at once) is its width
      observer.observe(column);
    }
  }

  Object.keys(embed).forEach(function (key) { fitting[key] = embed[key]; });
  window.vegaEmbed = fitting;
})();
