/* Tiewise network map: draws GET /api/v1/map with Cytoscape.js.
 *
 * Everything it needs arrives through data-* attributes on #pln-map and the
 * JSON endpoint; no inline script (the CSP forbids it). Names are user data:
 * they only ever reach the page through textContent or Cytoscape labels,
 * never innerHTML.
 */
(function () {
  "use strict";

  var root = document.getElementById("pln-map");
  if (!root || typeof window.cytoscape !== "function") {
    return;
  }

  var cfg = {
    mapUrl: root.dataset.mapUrl,
    positionsUrl: root.dataset.positionsUrl,
    csrf: root.dataset.csrf || "",
    svgUrl: root.dataset.svgUrl,
    searchUrl: root.dataset.searchUrl || "",
    nodeBase: root.dataset.nodeBase || "/nodes/",
    // A coach's view of someone else's map: nothing can be moved or saved.
    readonly: root.dataset.readonly === "true",
  };
  var stage = document.getElementById("pln-map-canvas");
  var guideCanvas = root.querySelector("canvas.map-guides");
  var statusEl = document.getElementById("map-status");
  var panel = document.getElementById("map-panel");
  var state = {
    layout: "worksheet",
    colorBy: "role",
    data: null,
    lastFocus: null,
    alterChosen: false,
    alterElements: [],
    // On the clusters view of a big PLN: names are drawn only once the zoom
    // makes the largest of them readable (see keepLineLooks).
    zoomedLabels: false,
    maxFont: 12,
    compact: false, // this map was asked for a phone (?compact=1)
  };
  // Past this many who-knows-whom lines (the clusters view of a big PLN
  // draws everyone) they start hidden, and are not restyled on every zoom:
  // tens of thousands of lines make panning stutter, and the positions and
  // cluster colours already show the groups.
  var MANY_LINES = 4000;

  // Phones: fold the controls away so the map gets the screen. Done before
  // Cytoscape measures its container.
  if (window.matchMedia && window.matchMedia("(max-width: 640px)").matches) {
    document.getElementById("map-controls").open = false;
  }

  // Big maps: skip edges and use a bitmap while panning so it stays smooth.
  var BIG = 500;

  function say(text) {
    statusEl.textContent = text;
  }

  var cy = window.cytoscape({
    container: stage,
    elements: [],
    layout: { name: "preset" },
    minZoom: 0.05,
    maxZoom: 5,
    userZoomingEnabled: true,
    userPanningEnabled: true,
    boxSelectionEnabled: false,
    autoungrabify: cfg.readonly,
    style: baseStyle(),
  });

  function baseStyle() {
    return [
      {
        selector: "node",
        style: {
          shape: "data(shape)",
          "background-color": "data(color)",
          width: "data(size)",
          height: "data(size)",
          opacity: "data(opacity)",
          "border-width": 1.5,
          "border-color": "#ffffff",
          // The server placed every label clear of the others (see
          // tiewise/core/labels.py): its box centre relative to the node.
          label: "data(shown_label)",
          "font-size": "data(font)",
          color: "#1f2933",
          "text-halign": "center",
          "text-valign": "center",
          "text-margin-x": "data(ldx)",
          "text-margin-y": "data(ldy)",
          "text-wrap": "wrap",
          "text-max-width": "2000px",
          "text-outline-color": "#ffffff",
          "text-outline-width": 1.5,
          "text-outline-opacity": 0.85,
          "min-zoomed-font-size": 5,
        },
      },
      {
        selector: "node.group",
        style: {
          "background-color": "#e4e7eb",
          "border-color": "#7b8794",
          "border-width": 1.5,
          "font-weight": "bold",
          color: "#3e4c59",
        },
      },
      { selector: "node.group.absent", style: { "border-style": "dashed" } },
      {
        selector: "node.ego",
        style: {
          "font-weight": "bold",
          "border-color": "#ffbf47",
          "border-width": 3,
        },
      },
      {
        selector: "edge",
        style: {
          width: 1.6,
          "line-color": "#52606d",
          "curve-style": "straight",
          "line-style": "solid",
        },
      },
      // Keep-in-touch traffic light: a coloured ring round ties that need contact.
      { selector: "node.st-soon", style: { "border-color": "#e0b000", "border-width": 3 } },
      { selector: "node.st-due", style: { "border-color": "#e07000", "border-width": 3.5 } },
      { selector: "node.st-overdue", style: { "border-color": "#c62828", "border-width": 4 } },
      // Dotted lines stay visibly dotted at every zoom: the dash pattern is
      // reset in screen pixels whenever the zoom changes (see keepLineLooks).
      {
        selector: 'edge[line_style = "dotted"]',
        style: { "line-style": "dashed", "line-dash-pattern": [2, 5], "line-cap": "round" },
      },
      { selector: 'edge[line_style = "dashed"]', style: { "line-style": "dashed" } },
      {
        selector: 'edge[kind = "alter"]',
        style: { width: 0.8, "line-color": "#9aa5b1", opacity: 0.6 },
      },
      { selector: ".filtered", style: { display: "none" } },
      {
        selector: "node.highlight",
        style: { "border-color": "#f59e0b", "border-width": 5, "z-index": 20, "font-weight": "bold" },
      },
      { selector: "node.dim", style: { opacity: 0.15 } },
      { selector: "node:selected", style: { "border-color": "#1f5fae", "border-width": 4 } },
    ];
  }
  window.tiewiseMap = { cy: cy, state: state };

  // --- data -------------------------------------------------------------

  function nodeData(n) {
    return {
        id: n.id,
        node_id: n.node_id,
        label: n.label,
        kind: n.kind,
        strength: n.strength || "",
        modes: n.modes || [],
        areas: n.areas || [],
        roles: n.roles || [],
        sector: n.sector || "",
        reach: n.reach || "",
        organisation: n.organisation || "",
        pinned: !!n.pinned,
        shape: n.style.shape,
        color: (n.style.colors && n.style.colors[state.colorBy]) || n.style.role_color,
        colors: n.style.colors || {},
        region: n.region || null,
        role_color: n.style.role_color,
        sector_color: n.style.sector_color,
        opacity: n.style.opacity,
        size: n.style.size,
        font: n.font_size || 12,
        // What the server measured and placed: the name cut to fit, or a count.
        shown_label: n.label_shown === false ? "" : n.text || n.label,
        ldx: n.label_box ? n.label_box.dx : 0,
        ldy: n.label_box ? n.label_box.dy : (n.style.size / 2 + 10),
        lw: n.label_box ? n.label_box.w : 0,
        lh: n.label_box ? n.label_box.h : 0,
        leader: !!n.leader,
        count: n.count || 0,
        members_url: n.members_url || "",
        member_ids: n.member_ids || [],
        status: n.status || "",
        status_label: n.status_label || "",
        status_reason: n.status_reason || "",
      };
  }

  function toElements(data) {
    var out = [];
    data.nodes.forEach(function (n) {
      var d = nodeData(n);
      out.push({
        group: "nodes",
        data: d,
        position: { x: n.x, y: n.y },
        classes: n.classes + (n.status ? " st-" + n.status : ""),
        grabbable: n.id !== "ego" && n.kind !== "group",
      });
    });
    data.edges.forEach(function (e) {
      out.push({
        group: "edges",
        data: {
          id: e.id,
          source: e.source,
          target: e.target,
          kind: e.kind,
          line_style: e.line_style,
        },
        classes: e.kind,
      });
    });
    return out;
  }

  // A phone gets its own worksheet: fewer names, larger, so they read at
  // 390 px without a pinch (the server places them; see COMPACT_FONT).
  function phone() {
    return window.innerWidth < 600;
  }

  function load() {
    var url = new URL(cfg.mapUrl, window.location.href);
    url.searchParams.set("layout", state.layout);
    state.compact = phone();
    if (state.compact) {
      url.searchParams.set("compact", "1");
    }
    say("Loading the map\u2026");
    return fetch(url.toString(), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (resp) {
        if (!resp.ok) {
          throw new Error("The map could not be loaded (" + resp.status + ").");
        }
        return resp.json();
      })
      .then(function (data) {
        state.data = data;
        var big = data.nodes.length > BIG;
        // The clusters view of a big PLN leaves out the lines to you: a
        // spoke to each of 2,000 people hides the clusters it is there to
        // show, and its dotted lines cost a canvas half a second a redraw.
        // Colour by strength still tells strong from weak.
        var noSpokes = big && data.layout !== "worksheet";
        // Thousands of labels too small to read still cost the canvas their
        // boxes on every redraw (a fifth of the frame rate at 3,000).
        state.zoomedLabels = noSpokes;
        state.maxFont = data.nodes.reduce(function (m, n) {
          return Math.max(m, n.font_size || 12);
        }, 1);
        var elements = toElements(data).filter(function (el) {
          return !(noSpokes && el.group === "edges" && el.data.source === "ego");
        });
        // Who-knows-whom lines that are not shown are kept out of the graph,
        // not hidden in it: Cytoscape walks hidden elements on every frame,
        // and 71,000 of them halved the frame rate of a big clusters view.
        state.alterElements = elements.filter(function (el) {
          return el.group === "edges" && el.data.kind === "alter";
        });
        cy.batch(function () {
          cy.elements().remove();
          cy.add(
            elements.filter(function (el) {
              return !(el.group === "edges" && el.data.kind === "alter");
            })
          );
        });
        // Cytoscape reads these options at render time, so they can follow
        // the size of whichever PLN was loaded.
        var renderer = cy.renderer && cy.renderer();
        if (renderer) {
          renderer.hideEdgesOnViewport = big;
          renderer.textureOnViewport = big;
        }
        var alterLines = data.edges.filter(function (e) {
          return e.kind === "alter";
        }).length;
        var alterBox = document.getElementById("map-alter");
        var hideLines = alterLines > MANY_LINES && !state.alterChosen;
        if (hideLines) {
          alterBox.checked = false;
        }
        fillFilters(data.vocab || {});
        fillColorLegend();
        applyFilters();
        applyAlter();
        applySearch();
        fitView();
        styledZoom = 0;
        keepLineLooks();
        drawGuides();
        var drawn = data.total - data.grouped;
        if (data.grouped) {
          say(
            data.total + " nodes: " + drawn + " drawn by name, " + data.grouped +
              " counted in groups (tap a group to see who is in it)."
          );
        } else {
          say(data.total === 1 ? "1 node on the map." : data.total + " nodes on the map.");
        }
        if (noSpokes) {
          statusEl.textContent +=
            " At this size the lines to you are left out so the clusters show: colour by strength tells strong ties from weak.";
        }
        if (hideLines) {
          statusEl.textContent += " Its " + alterLines.toLocaleString("en") +
            " who-knows-whom lines are hidden so the map stays quick: tick \u201cShow who knows whom\u201d to draw them.";
        }
      })
      .catch(function (err) {
        say(err.message || "The map could not be loaded.");
      });
  }

  // --- background guides (rings, halves, sectors) -----------------------

  function narrow() {
    return stage.clientWidth < 560;
  }

  // Fit the nodes and, on the worksheet layout, the whole guide circle with
  // its half and sector labels, so "Personal" and "Technology" show.
  function fitView() {
    var g = state.data && state.data.guides;
    // Labels are placed inside the circle, so the nodes and the guides set the fit.
    var bb = cy.elements().boundingBox({ includeLabels: false });
    var w = stage.clientWidth;
    var h = stage.clientHeight;
    // Sector and half labels stand outside the circle: keep pixels for them
    // round it (narrow screens fit them in map units instead, below).
    var side = 16;
    var top = 16;
    if (g && g.show) {
      var r = g.radius;
      bb = {
        x1: Math.min(bb.x1, -r),
        x2: Math.max(bb.x2, r),
        y1: Math.min(bb.y1, -r),
        y2: Math.max(bb.y2, r),
      };
      side = 96;
      top = 34;
      if (narrow()) {
        // A phone has no pixels to spare round the wheel: fit the names the
        // server placed round it (in map units) instead, so they stand where
        // it kept the people's names clear of them, as in the PDF.
        var ext = guideExtent(g);
        bb.x1 = Math.min(bb.x1, -ext.side);
        bb.x2 = Math.max(bb.x2, ext.side);
        bb.y1 = Math.min(bb.y1, ext.top);
        bb.y2 = Math.max(bb.y2, ext.bottom);
        side = 6;
        top = 6;
      }
    }
    var bw = bb.x2 - bb.x1 || 1;
    var bh = bb.y2 - bb.y1 || 1;
    var zoom = Math.min((w - 2 * side) / bw, (h - 2 * top) / bh);
    zoom = Math.max(cy.minZoom(), Math.min(cy.maxZoom(), zoom));
    cy.viewport({
      zoom: zoom,
      pan: { x: w / 2 - zoom * (bb.x1 + bb.x2) / 2, y: h / 2 - zoom * (bb.y1 + bb.y2) / 2 },
    });
  }

  // How far the guides' names reach, in map units: the sectors' names beside
  // the wheel, the halves' above it, the "mode not set" note below.
  function guideExtent(g) {
    var ext = { side: g.radius, top: -g.radius, bottom: g.radius };
    g.sectors.forEach(function (s) {
      if (s.label_r === undefined) {
        return;
      }
      if (s.straddle) {
        ext.bottom = Math.max(ext.bottom, s.label_r + s.label_font);
        return;
      }
      var longest = Math.max.apply(null, s.label_lines.map(function (line) {
        return line.length;
      }));
      var reach = s.label_r * Math.abs(Math.sin((s.mid * Math.PI) / 180));
      ext.side = Math.max(ext.side, reach + longest * 0.6 * s.label_font);
    });
    g.halves.forEach(function (half) {
      ext.top = Math.min(ext.top, half.label_y - half.label_font);
    });
    return ext;
  }

  function drawGuides() {
    var ratio = window.devicePixelRatio || 1;
    var w = stage.clientWidth;
    var h = stage.clientHeight;
    guideCanvas.width = Math.round(w * ratio);
    guideCanvas.height = Math.round(h * ratio);
    guideCanvas.style.width = w + "px";
    guideCanvas.style.height = h + "px";
    var ctx = guideCanvas.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, w, h);
    // Every worksheet payload carries the spots for the guides' names.
    drawGuidesOn(ctx, cy.zoom(), cy.pan());
    drawLineLayer(ctx, cy.zoom(), cy.pan());
    drawLeaders(ctx, cy.zoom(), cy.pan());
  }

  // --- a big PLN's who-knows-whom lines, as one bitmap ---------------------
  // Past MANY_LINES, Cytoscape draws each line as an element: 71,000 of them
  // made a pinch crawl at 12 frames a second. Here they are one path on the
  // guide canvas, under the nodes, stroked once the view rests and moved as
  // a bitmap while it pans or zooms (with half a view spare on each side, so
  // a pan shows lines at once).
  var LAYER_MARGIN = 0.5;
  var lineLayer = { on: false, canvas: null, drawn: 0, timer: 0 };
  state.lineLayer = lineLayer; // for the tests and the frame-rate bench

  function lineLayerWanted() {
    return state.alterElements.length > MANY_LINES;
  }

  // The lines between drawn (unfiltered) people, onto any 2D context.
  function strokeLines(ctx, zoom, pan, ox, oy) {
    var at = {};
    cy.nodes().forEach(function (n) {
      if (!n.hasClass("filtered")) {
        at[n.id()] = n.position();
      }
    });
    var count = 0;
    ctx.lineWidth = 0.9;
    ctx.strokeStyle = "rgba(154, 165, 177, 0.6)";
    ctx.beginPath();
    state.alterElements.forEach(function (el) {
      var a = at[el.data.source];
      var b = at[el.data.target];
      if (!a || !b) {
        return;
      }
      ctx.moveTo(ox + pan.x + a.x * zoom, oy + pan.y + a.y * zoom);
      ctx.lineTo(ox + pan.x + b.x * zoom, oy + pan.y + b.y * zoom);
      count += 1;
      if (count % 4000 === 0) {
        // Stroked in runs, so a dense cluster still reads darker.
        ctx.stroke();
        ctx.beginPath();
      }
    });
    ctx.stroke();
    return count;
  }

  function renderLineLayer() {
    window.clearTimeout(lineLayer.timer);
    lineLayer.timer = 0;
    if (!lineLayer.on) {
      lineLayer.canvas = null;
      lineLayer.drawn = 0;
      drawGuides();
      return;
    }
    var ratio = window.devicePixelRatio || 1;
    var mx = Math.round(stage.clientWidth * LAYER_MARGIN);
    var my = Math.round(stage.clientHeight * LAYER_MARGIN);
    var w = stage.clientWidth + 2 * mx;
    var h = stage.clientHeight + 2 * my;
    var canvas = lineLayer.canvas || document.createElement("canvas");
    canvas.width = Math.round(w * ratio);
    canvas.height = Math.round(h * ratio);
    var ctx = canvas.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, w, h);
    var pan = cy.pan();
    lineLayer.zoom = cy.zoom();
    lineLayer.pan = { x: pan.x, y: pan.y };
    lineLayer.mx = mx;
    lineLayer.my = my;
    lineLayer.w = w;
    lineLayer.h = h;
    lineLayer.drawn = strokeLines(ctx, lineLayer.zoom, lineLayer.pan, mx, my);
    lineLayer.canvas = canvas;
    drawGuides();
  }

  function lineLayerSoon() {
    if (lineLayer.on) {
      window.clearTimeout(lineLayer.timer);
      lineLayer.timer = window.setTimeout(renderLineLayer, 200);
    }
  }

  // The bitmap where the view now is: a point drawn at u sits at
  // pan + (u - margin - pan0) * zoom / zoom0.
  function drawLineLayer(ctx, zoom, pan) {
    var c = lineLayer.canvas;
    if (!lineLayer.on || !c) {
      return;
    }
    var s = zoom / lineLayer.zoom;
    var x = pan.x - (lineLayer.mx + lineLayer.pan.x) * s;
    var y = pan.y - (lineLayer.my + lineLayer.pan.y) * s;
    ctx.drawImage(c, x, y, lineLayer.w * s, lineLayer.h * s);
  }

  // Rings, halves, sectors and their names, for the screen and the PNG.
  function drawGuidesOn(ctx, zoom, pan) {
    var g = state.data && state.data.guides;
    if (!g || !g.show) {
      return;
    }
    var cx = pan.x;
    var cy0 = pan.y;
    function at(bearing, r) {
      var a = (bearing * Math.PI) / 180;
      return [cx + Math.sin(a) * r * zoom, cy0 - Math.cos(a) * r * zoom];
    }
    ctx.lineWidth = 1;
    ctx.strokeStyle = "#cbd2d9";
    ctx.fillStyle = "#f8fafc";
    ctx.beginPath();
    ctx.arc(cx, cy0, g.radius * zoom, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
    var inner = g.rings.length ? g.rings[0].inner : 0;
    // A sector with no one in it is tinted and says so: the gap shows at once.
    (g.empty || []).forEach(function (cell) {
      var lo = cell.half === "personal" ? 360 - cell.end : cell.start;
      var hi = cell.half === "personal" ? 360 - cell.start : cell.end;
      var a0 = ((lo - 90) * Math.PI) / 180;
      var a1 = ((hi - 90) * Math.PI) / 180;
      ctx.beginPath();
      ctx.arc(cx, cy0, g.radius * zoom, a0, a1);
      ctx.arc(cx, cy0, inner * zoom, a1, a0, true);
      ctx.closePath();
      ctx.fillStyle = "#fdf1dc";
      ctx.fill();
    });
    (g.empty || []).forEach(function (cell) {
      ctx.fillStyle = "#8a5a00";
      ctx.font = "italic " + Math.max(6, Math.min(15, cell.font * zoom)) + "px system-ui, sans-serif";
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      ctx.fillText(cell.label, cx + cell.x * zoom, cy0 + cell.y * zoom);
      ctx.textBaseline = "alphabetic";
    });
    ctx.strokeStyle = "#cbd2d9";
    g.rings.forEach(function (ring) {
      ctx.beginPath();
      ctx.arc(cx, cy0, ring.outer * zoom, 0, 2 * Math.PI);
      ctx.stroke();
    });
    ctx.lineWidth = 0.7;
    g.sectors.forEach(function (s) {
      [s.start, s.end, 360 - s.start, 360 - s.end].forEach(function (b) {
        if (b % 180 === 0) {
          return; // the divider
        }
        var p1 = at(b, inner);
        var p2 = at(b, g.radius);
        ctx.beginPath();
        ctx.moveTo(p1[0], p1[1]);
        ctx.lineTo(p2[0], p2[1]);
        ctx.stroke();
      });
    });
    // The divider runs from the top down to the "mode not set" wedge.
    ctx.strokeStyle = "#7b8794";
    ctx.lineWidth = 1.4;
    ctx.beginPath();
    ctx.moveTo(cx, cy0 + g.divider.y1 * zoom);
    ctx.lineTo(cx, cy0 + inner * zoom);
    ctx.stroke();

    // The server says where every guide name goes (in map units) and kept
    // node labels clear of it. Sizes follow the node labels (which scale
    // with the zoom), so that room still fits on a phone; 6 px at the least.
    ctx.fillStyle = "#616e7c";
    ctx.textBaseline = "middle";
    g.sectors.forEach(function (s) {
      if (s.label_r === undefined) {
        return; // the top of the divider: the halves' names stand there
      }
      var size = Math.max(6, Math.min(15, s.label_font * zoom));
      ctx.font = "italic " + size + "px system-ui, sans-serif";
      if (s.straddle) {
        var foot = at(180, s.label_r);
        ctx.textAlign = "center";
        ctx.fillText(s.label, foot[0], foot[1]);
        return;
      }
      var right = at(s.mid, s.label_r);
      var left = at(360 - s.mid, s.label_r);
      s.label_lines.forEach(function (line, i) {
        var dy = (i - (s.label_lines.length - 1) / 2) * size * 1.2;
        ctx.textAlign = "left";
        ctx.fillText(line, right[0], right[1] + dy);
        ctx.textAlign = "right";
        ctx.fillText(line, left[0], left[1] + dy);
      });
    });
    ctx.fillStyle = "#7b8794";
    ctx.textAlign = "center";
    ctx.lineWidth = 3;
    ctx.strokeStyle = "#f8fafc";
    g.rings.forEach(function (ring) {
      var y = cy0 + ring.label_y * zoom;
      ctx.font = Math.max(6, Math.min(16, ring.label_font * zoom)) + "px system-ui, sans-serif";
      ctx.strokeText(ring.label, cx, y);
      ctx.fillText(ring.label, cx, y);
    });
    ctx.fillStyle = "#1f2933";
    g.halves.forEach(function (half) {
      var size = Math.max(11, Math.min(20, half.label_font * zoom));
      var top = cy0 + half.label_y * zoom;
      var dx = half.label_dx * zoom;
      ctx.font = "bold " + size + "px system-ui, sans-serif";
      ctx.textAlign = half.side === "left" ? "right" : "left";
      ctx.fillText(half.label, cx + (half.side === "left" ? -dx : dx), top);
    });
    ctx.textBaseline = "alphabetic";
  }

  // Leader lines from a node to a label the server set further off.
  function drawLeaders(ctx, zoom, pan) {
    ctx.strokeStyle = "#7b8794";
    ctx.lineWidth = 1;
    cy.nodes("[?leader]").forEach(function (node) {
      if (node.hasClass("filtered") || !node.data("shown_label")) {
        return;
      }
      var p = node.position();
      var bx = p.x + node.data("ldx");
      var by = p.y + node.data("ldy");
      var hw = node.data("lw") / 2;
      var hh = node.data("lh") / 2;
      var ex = Math.min(Math.max(p.x, bx - hw), bx + hw);
      var ey = Math.min(Math.max(p.y, by - hh), by + hh);
      ctx.beginPath();
      ctx.moveTo(pan.x + p.x * zoom, pan.y + p.y * zoom);
      ctx.lineTo(pan.x + ex * zoom, pan.y + ey * zoom);
      ctx.stroke();
    });
  }

  // Lines keep their look at every zoom: widths and dots in screen pixels.
  // The stylesheet is rebuilt only when the zoom has moved by a sixth.
  var styledZoom = 0;
  var MIN_LABEL_PX = 5; // the stylesheet's min-zoomed-font-size
  var styledUnreadable = false;
  function keepLineLooks() {
    var z = cy.zoom();
    var unreadable = state.zoomedLabels && state.maxFont * z < MIN_LABEL_PX;
    var labelsChange = unreadable !== styledUnreadable;
    if (!labelsChange && styledZoom && Math.abs(z - styledZoom) / styledZoom < 0.16) {
      return;
    }
    // Restyling re-computes every element: with tens of thousands of
    // who-knows-whom lines (the clusters view of a big PLN) that stalls a
    // pinch for a second, so there the lines keep their map-unit widths.
    if (!labelsChange && styledZoom && cy.edges().length > MANY_LINES) {
      return;
    }
    styledZoom = z;
    styledUnreadable = unreadable;
    var labels = unreadable
      ? [
          { selector: "node", style: { label: "" } },
          // A search hit keeps its name, however far out the zoom.
          { selector: "node.highlight", style: { label: "data(shown_label)" } },
        ]
      : [];
    cy.style(
      baseStyle().concat(labels, [
        { selector: "edge", style: { width: 1.6 / z } },
        {
          selector: 'edge[line_style = "dotted"]',
          style: { width: 1.8 / z, "line-dash-pattern": [1.8 / z, 4.5 / z] },
        },
        { selector: 'edge[kind = "alter"]', style: { width: 0.9 / z } },
        { selector: ".filtered", style: { display: "none" } },
      ])
    );
  }

  var guideFrame = 0;
  var restyleTimer = 0;
  function redrawSoon() {
    if (!guideFrame) {
      guideFrame = window.requestAnimationFrame(function () {
        guideFrame = 0;
        // A big map pans and zooms on a bitmap (textureOnViewport), so its
        // lines are restyled once the gesture rests, not mid-pinch: a
        // restyle of thousands of elements costs several frames.
        if (cy.elements().length > BIG) {
          window.clearTimeout(restyleTimer);
          restyleTimer = window.setTimeout(keepLineLooks, 250);
        } else {
          keepLineLooks();
        }
        drawGuides();
        lineLayerSoon();
      });
    }
  }
  cy.on("viewport resize", redrawSoon);
  cy.on("position", "node[?leader]", redrawSoon);
  cy.on("position", "node", lineLayerSoon);
  // The container changes size when the window does and when the details
  // panel opens beside it; Cytoscape must be told, and the guides redrawn.
  function onResize() {
    cy.resize();
    drawGuides();
    lineLayerSoon();
    if (state.data && phone() !== state.compact) {
      load(); // turned to or from a phone's width: its own set of names
    }
  }
  if (window.ResizeObserver) {
    new window.ResizeObserver(onResize).observe(stage);
  } else {
    window.addEventListener("resize", onResize);
  }

  // --- filters, search, toggles -------------------------------------------

  var filterEls = Array.prototype.slice.call(document.querySelectorAll("[data-filter]"));

  function fillFilters(vocab) {
    filterEls.forEach(function (select) {
      var words = vocab[select.dataset.filter];
      if (!words || select.options.length > 1) {
        return;
      }
      Object.keys(words).forEach(function (key) {
        var opt = document.createElement("option");
        opt.value = key;
        opt.textContent = words[key];
        select.appendChild(opt);
      });
    });
  }

  function matches(node, field, wanted) {
    var value = node.data(field);
    return Array.isArray(value) ? value.indexOf(wanted) !== -1 : value === wanted;
  }

  function applyFilters() {
    var active = filterEls.filter(function (s) {
      return s.value;
    });
    var shown = 0;
    cy.batch(function () {
      cy.nodes().forEach(function (node) {
        if (node.id() === "ego") {
          return;
        }
        var ok = active.every(function (s) {
          return matches(node, s.dataset.filter, s.value);
        });
        node.toggleClass("filtered", !ok);
        if (ok) {
          shown += 1;
        }
      });
    });
    lineLayerSoon();
    if (active.length) {
      say(shown === 1 ? "1 node matches." : shown + " nodes match.");
    }
  }

  function applyAlter() {
    var on = document.getElementById("map-alter").checked;
    var drawn = cy.edges('[kind = "alter"]');
    lineLayer.on = on && lineLayerWanted();
    if (lineLayerWanted()) {
      drawn.remove();
      renderLineLayer();
      return;
    }
    if (lineLayer.canvas) {
      renderLineLayer(); // a smaller PLN loaded: drop the old bitmap
    }
    if (on && !drawn.length && state.alterElements.length) {
      cy.add(state.alterElements);
    } else if (!on && drawn.length) {
      drawn.remove();
    }
  }

  var searchEl = document.getElementById("map-search");

  // The server decides who matches (the same fields as the people list's
  // search); a coach's read-only map without a search URL matches what the
  // coach can see, the names and organisations drawn here.
  var searchSeq = 0;

  function highlight(q, isHit) {
    var hits = 0;
    cy.batch(function () {
      cy.nodes().forEach(function (node) {
        if (node.id() === "ego") {
          return;
        }
        var hit = q !== "" && isHit(node);
        node.toggleClass("highlight", hit);
        node.toggleClass("dim", q !== "" && !hit);
        if (hit) {
          hits += 1;
        }
      });
    });
    if (q) {
      say(hits === 1 ? "1 match highlighted." : hits + " matches highlighted.");
    }
  }

  function applySearch() {
    var q = searchEl.value.trim();
    var seq = ++searchSeq;
    state.searchIds = null;
    if (!q || !cfg.searchUrl) {
      var lower = q.toLowerCase();
      highlight(q, function (node) {
        var text = (node.data("label") + " " + node.data("organisation")).toLowerCase();
        return text.indexOf(lower) !== -1;
      });
      return;
    }
    var url = new URL(cfg.searchUrl, window.location.href);
    url.searchParams.set("q", q);
    fetch(url.toString(), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("search failed: " + response.status);
        }
        return response.json();
      })
      .then(function (found) {
        if (seq !== searchSeq) {
          return; // a newer search is on its way
        }
        var ids = {};
        found.ids.forEach(function (id) {
          ids[id] = true;
        });
        state.searchIds = ids;
        var inGroups = 0;
        highlight(q, function (node) {
          if (node.data("kind") === "group") {
            var n = node.data("member_ids").filter(function (id) {
              return ids[id] === true;
            }).length;
            inGroups += n;
            return n > 0;
          }
          return ids[node.data("node_id")] === true;
        });
        if (inGroups) {
          var drawnHits = found.count - inGroups;
          say(
            found.count + (found.count === 1 ? " match: " : " matches: ") + drawnHits +
              " on the map, " + inGroups + " inside the highlighted groups (tap one to see who)."
          );
        }
      })
      .catch(function () {
        say("Search is unavailable right now.");
      });
  }

  filterEls.forEach(function (s) {
    s.addEventListener("change", applyFilters);
  });
  document.getElementById("map-clear").addEventListener("click", function () {
    filterEls.forEach(function (s) {
      s.value = "";
    });
    applyFilters();
    say("Filters cleared.");
  });
  document.getElementById("map-alter").addEventListener("change", function () {
    state.alterChosen = true; // the user's choice stands for the next load
    applyAlter();
  });
  var searchTimer = 0;
  searchEl.addEventListener("input", function () {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(applySearch, 150);
  });
  document.getElementById("map-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    applySearch();
  });

  document.getElementById("map-layout").addEventListener("change", function (ev) {
    state.layout = ev.target.value;
    undoStack = []; // moves belong to the layout they were made in
    sayUndo();
    load();
  });

  document.getElementById("map-color").addEventListener("change", function (ev) {
    state.colorBy = ev.target.value;
    cy.batch(function () {
      cy.nodes().forEach(function (node) {
        node.data("color", node.data("colors")[state.colorBy] || node.data("role_color"));
      });
    });
    fillColorLegend();
  });

  function fillColorLegend() {
    var list = document.getElementById("map-legend-colors");
    if (!list || !state.data || !state.data.legend) {
      return;
    }
    while (list.firstChild) {
      list.removeChild(list.firstChild);
    }
    (state.data.legend.colors[state.colorBy] || []).forEach(function (item) {
      var li = document.createElement("li");
      var swatch = document.createElement("span");
      swatch.className = "legend-swatch";
      swatch.setAttribute("aria-hidden", "true");
      swatch.style.backgroundColor = item.color;
      li.appendChild(swatch);
      li.appendChild(document.createTextNode(" " + item.label));
      list.appendChild(li);
    });
  }

  // --- saving positions ----------------------------------------------------

  function send(method, body) {
    var headers = { "X-CSRFToken": cfg.csrf, Accept: "application/json" };
    if (body) {
      headers["Content-Type"] = "application/json";
    }
    var target = method === "DELETE" ? cfg.positionsUrl + "?layout=" + state.layout : cfg.positionsUrl;
    return fetch(target, {
      method: method,
      credentials: "same-origin",
      headers: headers,
      body: body ? JSON.stringify(body) : undefined,
    }).then(function (resp) {
      if (!resp.ok) {
        throw new Error("Saving failed (" + resp.status + ").");
      }
      return resp;
    });
  }

  var pending = {};
  var saveTimer = 0;

  function flushPositions() {
    var moves = Object.keys(pending).map(function (k) {
      return pending[k];
    });
    pending = {};
    Promise.all(
      moves.map(function (m) {
        return send("PUT", m);
      })
    )
      .then(function () {
        say(moves.length === 1 ? "Position saved." : moves.length + " positions saved.");
      })
      .catch(function (err) {
        say(err.message);
      });
  }

  // A drag keeps a node in its ring and its cell (half and sector), so the
  // map keeps saying strong or weak, personal or technology. The server
  // applies the same rule (core.layout.clamp_to_region) to every saved spot;
  // this copy only keeps the drag smooth.
  function clampToRegion(p, reg) {
    var x = reg.left ? -p.x : p.x;
    var r = Math.sqrt(x * x + p.y * p.y);
    var bearing = (Math.atan2(x, -p.y) * 180) / Math.PI;
    bearing = reg.lo + ((((bearing - reg.lo) % 360) + 360) % 360);
    if (bearing > reg.hi) {
      bearing = bearing - reg.hi <= reg.lo + 360 - bearing ? reg.hi : reg.lo;
    }
    r = Math.min(Math.max(r, reg.inner), reg.outer);
    var a = (bearing * Math.PI) / 180;
    var cx = r * Math.sin(a);
    return { x: reg.left ? -cx : cx, y: -r * Math.cos(a) };
  }

  var undoStack = [];
  var undoButton = document.getElementById("map-undo");
  var grabbedFrom = {};

  function sayUndo() {
    if (undoButton) {
      undoButton.disabled = undoStack.length === 0;
    }
  }

  cy.on("grab", "node", function (ev) {
    var node = ev.target;
    var p = node.position();
    grabbedFrom[node.id()] = { x: p.x, y: p.y, pinned: !!node.data("pinned") };
  });

  cy.on("drag", "node", function (ev) {
    var node = ev.target;
    var reg = node.data("region");
    if (reg && state.layout === "worksheet") {
      var p = node.position();
      var c = clampToRegion(p, reg);
      if (Math.abs(c.x - p.x) > 0.01 || Math.abs(c.y - p.y) > 0.01) {
        node.position(c);
      }
    }
  });

  function queueSave(node, p) {
    pending[node.id()] = {
      node_id: node.data("node_id"),
      x: Math.round(p.x * 10) / 10,
      y: Math.round(p.y * 10) / 10,
      layout: state.layout,
    };
    window.clearTimeout(saveTimer);
    saveTimer = window.setTimeout(flushPositions, 400);
  }

  cy.on("dragfree", "node", function (ev) {
    var node = ev.target;
    if (cfg.readonly || node.id() === "ego" || node.data("node_id") === null) {
      return;
    }
    var from = grabbedFrom[node.id()];
    delete grabbedFrom[node.id()];
    var p = node.position();
    if (from && Math.abs(from.x - p.x) < 0.5 && Math.abs(from.y - p.y) < 0.5) {
      return; // a click, not a move
    }
    if (from) {
      undoStack.push({ id: node.id(), from: from });
      if (undoStack.length > 50) {
        undoStack.shift();
      }
      sayUndo();
    }
    queueSave(node, p);
    node.data("pinned", true);
  });

  // Undo puts the last moved node back; if it had never been dragged before,
  // it goes back to the automatic layout (its saved spot is forgotten).
  function undoMove() {
    var move = undoStack.pop();
    sayUndo();
    if (!move) {
      return;
    }
    var node = cy.getElementById(move.id);
    if (!node || node.empty()) {
      return;
    }
    node.position({ x: move.from.x, y: move.from.y });
    node.data("pinned", move.from.pinned);
    var name = node.data("label");
    if (move.from.pinned) {
      queueSave(node, move.from);
      say("Moved " + name + " back.");
      return;
    }
    delete pending[node.id()];
    var url = cfg.positionsUrl + "?layout=" + state.layout + "&node_id=" + node.data("node_id");
    fetch(url, {
      method: "DELETE",
      credentials: "same-origin",
      headers: { "X-CSRFToken": cfg.csrf, Accept: "application/json" },
    })
      .then(function (resp) {
        if (!resp.ok) {
          throw new Error("Undo failed (" + resp.status + ").");
        }
        say("Moved " + name + " back to where the map puts them.");
      })
      .catch(function (err) {
        say(err.message);
      });
  }

  if (undoButton) {
    undoButton.addEventListener("click", undoMove);
  }
  document.addEventListener("keydown", function (ev) {
    var typing = ev.target && /^(INPUT|TEXTAREA|SELECT)$/.test(ev.target.tagName);
    if ((ev.ctrlKey || ev.metaKey) && !ev.shiftKey && (ev.key === "z" || ev.key === "Z") && !typing) {
      if (undoStack.length) {
        ev.preventDefault();
        undoMove();
      }
    }
  });

  if (cfg.readonly) {
    if (undoButton) {
      undoButton.hidden = true;
    }
    document.getElementById("map-relayout").hidden = true;
    document.querySelector(".map-panel-links").hidden = true;
  }
  document.getElementById("map-relayout").addEventListener("click", function () {
    window.clearTimeout(saveTimer);
    pending = {};
    undoStack = [];
    sayUndo();
    send("DELETE")
      .then(load)
      .then(function () {
        say("Saved positions cleared; the map is laid out afresh.");
      })
      .catch(function (err) {
        say(err.message);
      });
  });

  // --- details panel ------------------------------------------------------

  var vocabLabel = function (field, key) {
    var words = (state.data && state.data.vocab && state.data.vocab[field]) || {};
    return words[key] || key;
  };

  function addRow(dl, term, value) {
    if (!value) {
      return;
    }
    var dt = document.createElement("dt");
    dt.textContent = term;
    var dd = document.createElement("dd");
    dd.textContent = value;
    dl.appendChild(dt);
    dl.appendChild(dd);
  }

  function listOf(field, keys) {
    return (keys || [])
      .map(function (k) {
        return vocabLabel(field, k);
      })
      .join(", ");
  }

  function openPanel(node) {
    if (node.data("kind") === "group") {
      openGroup(node);
      return;
    }
    openPanelFor(node.data());
  }

  function openPanelFor(d) {
    membersEl.hidden = true;
    document.querySelector(".map-panel-links").hidden = cfg.readonly;
    if (!panel.contains(document.activeElement)) {
      state.lastFocus = document.activeElement;
    }
    document.getElementById("map-panel-title").textContent = d.label;
    var dl = document.getElementById("map-panel-details");
    while (dl.firstChild) {
      dl.removeChild(dl.firstChild);
    }
    addRow(dl, "Kind", vocabLabel("kind", d.kind));
    addRow(dl, "Tie", vocabLabel("strength", d.strength));
    addRow(dl, "Organisation", d.organisation);
    addRow(dl, "Roles", listOf("roles", d.roles));
    addRow(dl, "Areas", listOf("areas", d.areas));
    addRow(dl, "Modes", listOf("modes", d.modes));
    addRow(dl, "Sector", vocabLabel("sector", d.sector));
    addRow(dl, "Reach", vocabLabel("reach", d.reach));
    if (d.status_label) {
      addRow(dl, "Keep in touch", d.status_label + (d.status_reason ? ": " + d.status_reason : ""));
    }
    var base = cfg.nodeBase.replace(/\/?$/, "/") + encodeURIComponent(String(d.node_id)) + "/";
    document.getElementById("map-panel-view").href = base;
    document.getElementById("map-panel-log").href = base + "#log";
    panel.hidden = false;
    panel.focus();
  }

  var membersEl = document.getElementById("map-panel-members");

  // A group's members, listed in the side panel with the filters applied;
  // search matches come first.
  function openGroup(node) {
    var d = node.data();
    state.lastFocus = document.activeElement;
    document.getElementById("map-panel-title").textContent = d.label.replace("\n", " · ");
    var dl = document.getElementById("map-panel-details");
    while (dl.firstChild) {
      dl.removeChild(dl.firstChild);
    }
    document.querySelector(".map-panel-links").hidden = true;
    while (membersEl.firstChild) {
      membersEl.removeChild(membersEl.firstChild);
    }
    membersEl.hidden = false;
    panel.hidden = false;
    panel.focus();
    var url = new URL(d.members_url, window.location.href);
    url.searchParams.set("layout", state.layout);
    fetch(url.toString(), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (resp) {
        if (!resp.ok) {
          throw new Error("The group could not be loaded (" + resp.status + ").");
        }
        return resp.json();
      })
      .then(function (data) {
        var active = filterEls.filter(function (s) {
          return s.value;
        });
        var hits = state.searchIds || {};
        var people = data.nodes.map(nodeData).filter(function (m) {
          return active.every(function (s) {
            var v = m[s.dataset.filter];
            return Array.isArray(v) ? v.indexOf(s.value) !== -1 : v === s.value;
          });
        });
        people.sort(function (a, b) {
          return (hits[b.node_id] ? 1 : 0) - (hits[a.node_id] ? 1 : 0);
        });
        addRow(dl, "People", people.length + (active.length ? " match the filters" : ""));
        people.slice(0, 300).forEach(function (m) {
          var li = document.createElement("li");
          var b = document.createElement("button");
          b.type = "button";
          b.className = "link-button" + (hits[m.node_id] ? " match" : "");
          b.textContent = m.label + (m.organisation ? " \u00b7 " + m.organisation : "");
          b.addEventListener("click", function () {
            openPanelFor(m);
          });
          li.appendChild(b);
          membersEl.appendChild(li);
        });
        if (people.length > 300) {
          var more = document.createElement("li");
          more.textContent = "\u2026 and " + (people.length - 300) + " more: narrow the filters or search.";
          membersEl.appendChild(more);
        }
      })
      .catch(function (err) {
        say(err.message);
      });
  }

  function closePanel() {
    if (panel.hidden) {
      return;
    }
    panel.hidden = true;
    cy.nodes(":selected").unselect();
    if (state.lastFocus && state.lastFocus.focus) {
      state.lastFocus.focus();
    }
  }

  cy.on("tap", "node", function (ev) {
    if (ev.target.id() === "ego") {
      return;
    }
    openPanel(ev.target);
  });
  cy.on("tap", function (ev) {
    if (ev.target === cy) {
      closePanel();
    }
  });
  document.getElementById("map-panel-close").addEventListener("click", closePanel);
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") {
      closePanel();
    }
  });

  // --- downloads ----------------------------------------------------------

  function saveBlob(blob, filename) {
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url;
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    a.remove();
    window.setTimeout(function () {
      URL.revokeObjectURL(url);
    }, 1000);
  }

  // The PNG is the picture on screen: the guides (rings, halves, sectors and
  // their names) under the nodes, names and lines, with the legend below.
  document.getElementById("map-png").addEventListener("click", function () {
    var keep = { zoom: cy.zoom(), pan: cy.pan() };
    fitView();
    var w = stage.clientWidth;
    var h = stage.clientHeight;
    var scale = 2;
    var legendH = 60;
    var canvas = document.createElement("canvas");
    canvas.width = w * scale;
    canvas.height = (h + legendH) * scale;
    var ctx = canvas.getContext("2d");
    ctx.setTransform(scale, 0, 0, scale, 0, 0);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, w, h + legendH);
    drawGuidesOn(ctx, cy.zoom(), cy.pan());
    if (lineLayer.on) {
      strokeLines(ctx, cy.zoom(), cy.pan(), 0, 0);
    }
    drawLeaders(ctx, cy.zoom(), cy.pan());
    var img = new Image();
    img.onload = function () {
      ctx.drawImage(img, 0, 0, w, h);
      drawLegend(ctx, h + 8, w);
      cy.viewport(keep);
      canvas.toBlob(function (blob) {
        saveBlob(blob, "pln-map.png");
        say("PNG saved: the map as shown, with its rings, halves, sectors and legend.");
      }, "image/png");
    };
    img.src = cy.png({ full: false, scale: scale, output: "base64uri" });
  });

  function drawLegend(ctx, top, w) {
    var items = [
      ["line", "solid", "Strong tie"],
      ["line", "dotted", "Weak tie"],
      ["dot", "#9aa5b1", "Prospect (faint, no line)"],
      ["group", "#e4e7eb", "Group of people not drawn by name"],
    ];
    ctx.font = "12px system-ui, sans-serif";
    ctx.textAlign = "left";
    ctx.textBaseline = "middle";
    var x = 12;
    var y = top + 12;
    items.forEach(function (it) {
      ctx.strokeStyle = "#52606d";
      ctx.lineWidth = 2;
      if (it[0] === "line") {
        ctx.setLineDash(it[1] === "dotted" ? [2, 5] : []);
        ctx.beginPath();
        ctx.moveTo(x, y);
        ctx.lineTo(x + 26, y);
        ctx.stroke();
        ctx.setLineDash([]);
      } else {
        ctx.globalAlpha = it[0] === "dot" ? 0.35 : 1;
        ctx.fillStyle = it[1];
        ctx.beginPath();
        ctx.arc(x + 13, y, 7, 0, 2 * Math.PI);
        ctx.fill();
        ctx.globalAlpha = 1;
        if (it[0] === "group") {
          ctx.strokeStyle = "#7b8794";
          ctx.lineWidth = 1;
          ctx.stroke();
        }
      }
      ctx.fillStyle = "#1f2933";
      ctx.fillText(it[2], x + 32, y);
      x += 40 + ctx.measureText(it[2]).width;
      if (x > w - 160) {
        x = 12;
        y += 20;
      }
    });
    var used = {};
    cy.nodes().forEach(function (n) {
      used[n.data("color")] = true;
    });
    var colours = (state.data.legend.colors[state.colorBy] || []).filter(function (c) {
      return used[c.color];
    });
    x = 12;
    y += 22;
    colours.forEach(function (c) {
      ctx.fillStyle = c.color;
      ctx.beginPath();
      ctx.arc(x + 6, y, 6, 0, 2 * Math.PI);
      ctx.fill();
      ctx.fillStyle = "#1f2933";
      ctx.fillText(c.label, x + 16, y);
      x += 28 + ctx.measureText(c.label).width;
      if (x > w - 120) {
        x = 12;
        y += 18;
      }
    });
  }

  // The SVG button is a plain link to /map.svg: the server draws the same
  // people, groups, label spots and guides as this page and the PDF.

  load();
})();
