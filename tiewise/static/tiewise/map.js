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
  var state = { layout: "worksheet", colorBy: "role", data: null, lastFocus: null };

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
    style: [
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
          label: "data(label)",
          "font-size": 11,
          color: "#1f2933",
          "text-valign": "bottom",
          "text-margin-y": 3,
          "text-wrap": "ellipsis",
          "text-max-width": "140px",
          "text-outline-color": "#ffffff",
          "text-outline-width": 2,
          "min-zoomed-font-size": 7,
        },
      },
      {
        selector: "node.ego",
        style: {
          "font-weight": "bold",
          "font-size": 13,
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
      { selector: 'edge[line_style = "dotted"]', style: { "line-style": "dotted" } },
      { selector: 'edge[line_style = "dashed"]', style: { "line-style": "dashed" } },
      {
        selector: 'edge[kind = "alter"]',
        style: { width: 0.8, "line-color": "#9aa5b1", opacity: 0.6 },
      },
      { selector: ".filtered", style: { display: "none" } },
      { selector: ".alter-off", style: { display: "none" } },
      {
        selector: "node.highlight",
        style: { "border-color": "#f59e0b", "border-width": 5, "z-index": 20, "font-weight": "bold" },
      },
      { selector: "node.dim", style: { opacity: 0.15 } },
      { selector: "node:selected", style: { "border-color": "#1f5fae", "border-width": 4 } },
    ],
  });
  window.tiewiseMap = { cy: cy };

  // --- data -------------------------------------------------------------

  function toElements(data) {
    var out = [];
    data.nodes.forEach(function (n) {
      var d = {
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
        color: state.colorBy === "sector" ? n.style.sector_color : n.style.role_color,
        role_color: n.style.role_color,
        sector_color: n.style.sector_color,
        opacity: n.style.opacity,
        size: n.style.size,
        status: n.status || "",
        status_label: n.status_label || "",
        status_reason: n.status_reason || "",
      };
      out.push({
        group: "nodes",
        data: d,
        position: { x: n.x, y: n.y },
        classes: n.classes + (n.status ? " st-" + n.status : ""),
        grabbable: n.id !== "ego",
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

  function load() {
    var url = new URL(cfg.mapUrl, window.location.href);
    url.searchParams.set("layout", state.layout);
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
        cy.batch(function () {
          cy.elements().remove();
          cy.add(toElements(data));
        });
        // Cytoscape reads these options at render time, so they can follow
        // the size of whichever PLN was loaded.
        var renderer = cy.renderer && cy.renderer();
        if (renderer) {
          renderer.hideEdgesOnViewport = big;
          renderer.textureOnViewport = big;
        }
        // A personal map of a few dozen people should show every name at the
        // fitted zoom; big maps keep labels for when the user zooms in.
        var small = data.nodes.length <= 120;
        cy.style()
          .selector("node")
          .style({ "font-size": small ? 15 : 11, "min-zoomed-font-size": small ? 0 : 7 })
          .update();
        fillFilters(data.vocab || {});
        fillColorLegend();
        applyFilters();
        applyAlter();
        applySearch();
        fitView();
        drawGuides();
        say(data.nodes.length - 1 === 1 ? "1 node on the map." : data.nodes.length - 1 + " nodes on the map.");
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
    var bb = cy.elements().boundingBox();
    var w = stage.clientWidth;
    var h = stage.clientHeight;
    // Sector and half labels are fixed-size text outside the circle: keep
    // pixels for them round it (narrow screens draw sector labels inside).
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
      side = narrow() ? 10 : 130;
      top = 34;
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
    var g = state.data && state.data.guides;
    if (!g || !g.show) {
      return;
    }
    var zoom = cy.zoom();
    var pan = cy.pan();
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
    g.rings.forEach(function (ring) {
      ctx.beginPath();
      ctx.arc(cx, cy0, ring.outer * zoom, 0, 2 * Math.PI);
      ctx.stroke();
    });
    var inner = g.rings.length ? g.rings[0].inner : 0;
    ctx.lineWidth = 0.7;
    g.sectors.forEach(function (s) {
      [s.start, s.end, 360 - s.start, 360 - s.end].forEach(function (b) {
        var p1 = at(b, inner);
        var p2 = at(b, g.radius);
        ctx.beginPath();
        ctx.moveTo(p1[0], p1[1]);
        ctx.lineTo(p2[0], p2[1]);
        ctx.stroke();
      });
    });
    ctx.strokeStyle = "#7b8794";
    ctx.lineWidth = 1.4;
    ctx.beginPath();
    ctx.moveTo(cx, cy0 + g.divider.y1 * zoom);
    ctx.lineTo(cx, cy0 + g.divider.y2 * zoom);
    ctx.stroke();

    var font = narrow() ? 10 : Math.max(10, Math.min(15, 14 * Math.sqrt(zoom)));
    ctx.fillStyle = "#616e7c";
    ctx.font = "italic " + font + "px system-ui, sans-serif";
    var inside = narrow();
    var labelR = inside ? g.radius - 8 / zoom : g.radius + 12 / zoom;
    g.sectors.forEach(function (s) {
      var right = at(s.mid, labelR);
      var left = at(360 - s.mid, labelR);
      ctx.textAlign = inside ? "right" : "left";
      ctx.fillText(s.label, right[0], right[1]);
      ctx.textAlign = inside ? "left" : "right";
      ctx.fillText(s.label, left[0], left[1]);
    });
    ctx.font = "11px system-ui, sans-serif";
    ctx.fillStyle = "#7b8794";
    ctx.textAlign = "right";
    g.rings.forEach(function (ring) {
      ctx.fillText(ring.label, cx - 6, cy0 + ring.outer * zoom - 4);
    });
    ctx.fillStyle = "#1f2933";
    ctx.font = "bold " + (font + 2) + "px system-ui, sans-serif";
    var top = cy0 + g.divider.y1 * zoom - 8;
    g.halves.forEach(function (half) {
      ctx.textAlign = half.side === "left" ? "right" : "left";
      ctx.fillText(half.label, cx + (half.side === "left" ? -12 : 12), top);
    });
  }

  var guideFrame = 0;
  cy.on("viewport resize", function () {
    if (!guideFrame) {
      guideFrame = window.requestAnimationFrame(function () {
        guideFrame = 0;
        drawGuides();
      });
    }
  });
  // The container changes size when the window does and when the details
  // panel opens beside it; Cytoscape must be told, and the guides redrawn.
  function onResize() {
    cy.resize();
    drawGuides();
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
    if (active.length) {
      say(shown === 1 ? "1 node matches." : shown + " nodes match.");
    }
  }

  function applyAlter() {
    var on = document.getElementById("map-alter").checked;
    cy.edges('[kind = "alter"]').toggleClass("alter-off", !on);
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
        highlight(q, function (node) {
          return ids[node.data("node_id")] === true;
        });
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
  document.getElementById("map-alter").addEventListener("change", applyAlter);
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
    load();
  });

  document.getElementById("map-color").addEventListener("change", function (ev) {
    state.colorBy = ev.target.value;
    var key = state.colorBy === "sector" ? "sector_color" : "role_color";
    cy.batch(function () {
      cy.nodes().forEach(function (node) {
        node.data("color", node.data(key));
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

  cy.on("dragfree", "node", function (ev) {
    var node = ev.target;
    if (cfg.readonly || node.id() === "ego" || node.data("node_id") === null) {
      return;
    }
    var p = node.position();
    pending[node.id()] = {
      node_id: node.data("node_id"),
      x: Math.round(p.x * 10) / 10,
      y: Math.round(p.y * 10) / 10,
      layout: state.layout,
    };
    node.data("pinned", true);
    window.clearTimeout(saveTimer);
    saveTimer = window.setTimeout(flushPositions, 400);
  });

  if (cfg.readonly) {
    document.getElementById("map-relayout").hidden = true;
    document.querySelector(".map-panel-links").hidden = true;
  }
  document.getElementById("map-relayout").addEventListener("click", function () {
    window.clearTimeout(saveTimer);
    pending = {};
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
    var d = node.data();
    state.lastFocus = document.activeElement;
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

  document.getElementById("map-png").addEventListener("click", function () {
    var blob = cy.png({ full: true, output: "blob", bg: "#ffffff", scale: 2 });
    saveBlob(blob, "pln-map.png");
  });

  // Register the SVG exporter if the page loaded it; otherwise the SVG
  // button stays a plain link to the server-drawn /map.svg.
  if (typeof cy.svg !== "function" && window.cytoscapeSvg) {
    try {
      window.cytoscape.use(window.cytoscapeSvg);
    } catch (e) {
      /* already registered by the page */
    }
  }
  document.getElementById("map-svg").addEventListener("click", function (ev) {
    if (typeof cy.svg !== "function") {
      return;
    }
    ev.preventDefault();
    var text = cy.svg({ full: true, bg: "#ffffff" });
    saveBlob(new Blob([text], { type: "image/svg+xml" }), "pln-map.svg");
  });

  load();
})();
