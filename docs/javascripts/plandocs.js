/* Progressive enhancement of the plan pages: the matrix filter and plan choice, the plan finder,
 * and a language switcher that keeps the reader's place. Every word shown comes from the page
 * (rendered from the catalogue); this file holds none. Material calls document$ on every page
 * load, including instant navigation. */
(function () {
  "use strict";

  function fill(template, values) {
    return template.replace(/\{([a-z_]+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  /* ---- the feature matrix ---------------------------------------------------------------- */

  function setupMatrix(root) {
    if (root.dataset.pdReady) return;
    root.dataset.pdReady = "1";
    var form = root.querySelector(".pd-controls");
    /* One table, or (a long matrix) one per collapsed part, each with its own header. */
    var tables = Array.prototype.slice.call(root.querySelectorAll("table"));
    if (!form || !tables.length) return;
    form.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var filter = form.querySelector("[data-pd-filter]");
    var planBoxes = Array.prototype.slice.call(form.querySelectorAll("[data-pd-plan]"));
    var differences = form.querySelector("[data-pd-differences]");
    var count = form.querySelector("[data-pd-count]");
    var onlyBox = form.querySelector("[data-pd-only]");
    var rows = Array.prototype.slice.call(root.querySelectorAll("tbody tr[data-feature]"));
    var parts = Array.prototype.slice.call(root.querySelectorAll("details.pd-part"));

    function chosenPlans() {
      if (!planBoxes.length) return null;
      return planBoxes.filter(function (box) { return box.checked; })
        .map(function (box) { return box.getAttribute("data-pd-plan"); });
    }

    function update() {
      var query = fold(filter.value.trim());
      var chosen = chosenPlans();
      var visible = function (plan) { return chosen === null || chosen.indexOf(plan) >= 0; };
      root.querySelectorAll("table [data-plan]").forEach(function (cell) {
        cell.hidden = !visible(cell.getAttribute("data-plan"));
      });
      /* A group heading (a solution over its tiers, or the bundles) spans the columns still shown. */
      tables.forEach(function (table) {
        ["data-solution", "data-pd-group"].forEach(function (attribute) {
          table.querySelectorAll("thead th[scope=colgroup][" + attribute + "]").forEach(function (head) {
            var id = head.getAttribute(attribute);
            var members = "thead th[data-plan][" + attribute + '="' + id + '"]:not([hidden])';
            var shown = table.querySelectorAll(members).length;
            head.hidden = shown === 0;
            head.colSpan = Math.max(shown, 1);
          });
        });
      });
      var columns = chosen === null ? tables[0].querySelectorAll("thead th[data-plan]").length : chosen.length;
      root.querySelectorAll("[data-pd-span]").forEach(function (cell) { cell.colSpan = columns + 1; });
      var shownRows = 0;
      rows.forEach(function (row) {
        var label = row.querySelector("th summary") || row.querySelector("th");
        var matches = !query || fold(label.textContent).indexOf(query) >= 0 ||
          fold(groupOf(row)).indexOf(query) >= 0;
        if (onlyBox && onlyBox.checked && only.indexOf(row.getAttribute("data-feature")) < 0) matches = false;
        if (matches && differences && differences.checked) {
          var has = Array.prototype.slice.call(row.querySelectorAll("td[data-plan]:not([hidden])"))
            .map(function (cell) { return cell.getAttribute("data-state") !== "excluded"; });
          matches = has.some(Boolean) && !has.every(Boolean);
        }
        row.hidden = !matches;
        if (matches) shownRows += 1;
      });
      root.querySelectorAll("tbody").forEach(function (body) {
        var section = body.querySelector("tr.pd-section");
        if (section) section.hidden = !body.querySelector("tr[data-feature]:not([hidden])");
      });
      /* A long matrix's parts: narrowed down (a filter, the finder's features), the parts with rows open. */
      var narrowed = Boolean(query) || Boolean(onlyBox && onlyBox.checked);
      parts.forEach(function (part) {
        var any = part.querySelector("tr[data-feature]:not([hidden])");
        part.hidden = !any;
        if (narrowed && any) part.open = true;
      });
      count.textContent = fill(root.getAttribute("data-rows-shown"), { shown: shownRows, total: rows.length });
      /* Nothing to compare (no plan ticked, no row left): say what to do instead of an empty table. */
      var empty = root.querySelector("[data-pd-empty]");
      if (empty) empty.hidden = shownRows > 0 && (chosen === null || chosen.length > 0);
      fitTables(root);
    }

    /* A row's group (its section's heading), so that a group's name finds its rows too. */
    function groupOf(row) {
      var heading = row.parentNode.querySelector("tr.pd-section th");
      return heading ? heading.textContent : "";
    }

    /* The plans to compare are in the address (?plans=a,b), so a comparison can be shared. Without
     * them, a phone shows two plans side by side instead of squeezing every column. */
    var PLANS = "plans";
    var FEATURES = "features";
    var params = new URLSearchParams(window.location.search);
    /* From the plan finder: only the features ticked there (?features=a,b), until the reader unticks. */
    var only = (params.get(FEATURES) || "").split(",").filter(Boolean);
    if (onlyBox) {
      onlyBox.checked = only.length > 0;
      onlyBox.closest("p").hidden = !only.length;
    }
    var asked = (params.get(PLANS) || "").split(",").filter(Boolean);
    var known = planBoxes.filter(function (box) { return asked.indexOf(box.getAttribute("data-pd-plan")) >= 0; });
    if (known.length) {
      planBoxes.forEach(function (box) { box.checked = known.indexOf(box) >= 0; });
    } else if (planBoxes.length > 2 && window.matchMedia("(max-width: 44.9375em)").matches) {
      planBoxes.forEach(function (box, index) { box.checked = index < 2; });
    }

    function rememberPlans() {
      var url = new URL(window.location.href);
      url.searchParams.set(PLANS, chosenPlans().join(","));
      window.history.replaceState(window.history.state, "", url.toString());
    }

    /* A deep link into a closed part opens it. */
    function openTarget() {
      var id = decodeURIComponent(window.location.hash.slice(1));
      var target = id && document.getElementById(id);
      var part = target && target.closest && target.closest("details.pd-part");
      if (part && root.contains(part)) {
        part.open = true;
        target.scrollIntoView();
      }
    }
    window.addEventListener("hashchange", openTarget);
    openTarget();

    form.addEventListener("input", update);
    form.addEventListener("change", function (event) {
      update();
      if (event.target.hasAttribute("data-pd-plan")) rememberPlans();
      if (event.target === onlyBox && !onlyBox.checked) {
        var url = new URL(window.location.href);
        url.searchParams.delete(FEATURES);
        window.history.replaceState(window.history.state, "", url.toString());
      }
    });
    update();
  }

  /* ---- wide tables ----------------------------------------------------------------------- */

  /* Each scroll box says which of its sides has more columns (its edge fades there). */
  function markMore(box) {
    var left = box.scrollLeft > 1;
    var right = box.scrollLeft + box.clientWidth < box.scrollWidth - 1;
    box.classList.toggle("pd-more-left", left);
    box.classList.toggle("pd-more-right", right);
  }

  /* The matrix scrolls with the page while it fits; wider than the page (many plans on a small
   * screen), it scrolls sideways in its own box. Its second header row sits under the first. */
  function fitTables(root) {
    root.querySelectorAll(".pd-scroll").forEach(function (box) {
      var table = box.querySelector("table");
      if (!table) return;
      if (box.closest(".pd-matrix")) {
        box.classList.remove("pd-overflows");
        box.classList.toggle("pd-overflows", table.offsetWidth > box.clientWidth + 1);
        var first = table.querySelector("thead tr");
        if (first) box.style.setProperty("--pd-head-row", first.getBoundingClientRect().height + "px");
      }
      markMore(box);
    });
  }

  function setupScrollBoxes() {
    document.querySelectorAll(".pd-scroll").forEach(function (box) {
      if (box.dataset.pdReady) return;
      box.dataset.pdReady = "1";
      box.addEventListener("scroll", function () { markMore(box); }, { passive: true });
    });
    fitTables(document);
  }

  /* ---- the plan finder ------------------------------------------------------------------- */

  var NEED = "need";

  function smallest(data, needed) {
    /* Every plan, bundle and combination sold is a candidate. Fewest solutions first, then fewest
     * plans to buy (a bundle is one), then lowest tiers, then price-list order: try one solution,
     * then two, ... and stop at the first size that has an answer, so a large catalogue is not
     * searched through. */
    var rules = data.combinations;
    var groups = data.solutions.map(function (id) {
      return data.plans.filter(function (plan) { return plan.solution === id; });
    });
    var retired = {};
    rules.retired.forEach(function (ids) { retired[ids.join(",")] = true; });
    function excluded(chosen, plan) {
      return chosen.some(function (other) {
        return rules.exclude.some(function (pair) {
          return pair.indexOf(other.solution) >= 0 && pair.indexOf(plan.solution) >= 0;
        });
      });
    }
    function covers(features) {
      var has = {};
      features.forEach(function (id) { has[id] = true; });
      return needed.every(function (id) { return has[id]; }) ? has : null;
    }
    function featuresOf(plans) {
      return plans.reduce(function (all, plan) { return all.concat(plan.features); }, []);
    }
    for (var size = 1; size <= groups.length; size += 1) {
      var best = null;
      var consider = function (plans, buys, rank, has) {
        if (has && (best === null || buys < best.buys || (buys === best.buys && rank < best.rank))) {
          best = { plans: plans, buys: buys, rank: rank, has: has };
        }
      };
      var combined = size === 1 || (rules.sold && (rules.max === null || size <= rules.max));
      if (combined) {
        (function walk(start, chosen) {
          if (chosen.length === size) {
            var ids = chosen.map(function (plan) { return plan.id; }).join(",");
            if (size > 1 && retired[ids]) return;
            var rank = chosen.reduce(function (sum, plan) { return sum + plan.rank; }, 0);
            consider(chosen, size, rank, covers(featuresOf(chosen)));
            return;
          }
          for (var i = start; i <= groups.length - (size - chosen.length); i += 1) {
            groups[i].forEach(function (plan) {
              if (!excluded(chosen, plan)) walk(i + 1, chosen.concat([plan]));
            });
          }
        })(0, []);
      }
      data.bundles.forEach(function (bundle) {
        if (bundle.solutions.length === size) consider([bundle], 1, bundle.rank, covers(bundle.features));
      });
      if (best !== null) return best;
    }
    return null;
  }

  function setupFinder(root) {
    if (root.dataset.pdReady) return;
    root.dataset.pdReady = "1";
    var data = JSON.parse(root.querySelector("[data-pd-finder-data]").textContent);
    var form = root.querySelector(".pd-finder-form");
    var result = root.querySelector(".pd-finder-result");
    var boxes = Array.prototype.slice.call(form.querySelectorAll("[data-pd-need]"));
    var bar = root.querySelector("[data-pd-result-bar]");
    form.hidden = false;
    result.hidden = false;
    root.classList.add("pd-ready");

    var params = new URLSearchParams(window.location.search);
    var wanted = (params.get(NEED) || "").split(",").filter(Boolean);
    boxes.forEach(function (box) { box.checked = wanted.indexOf(box.value) >= 0; });

    function show(part, on) { root.querySelector(part).hidden = !on; }

    function update() {
      var needed = boxes.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
      var url = new URL(window.location.href);
      if (needed.length) url.searchParams.set(NEED, needed.join(",")); else url.searchParams.delete(NEED);
      window.history.replaceState(window.history.state, "", url.toString());
      var best = needed.length ? smallest(data, needed) : null;
      show("[data-pd-result-empty]", !needed.length);
      show("[data-pd-result-impossible]", needed.length > 0 && best === null);
      show("[data-pd-result-found]", best !== null);
      /* The bar at the bottom of a narrow screen: the answer in a line, and a link to the card. */
      if (bar) {
        bar.hidden = !needed.length;
        var text = bar.querySelector("[data-pd-bar-text]");
        if (best === null) {
          text.textContent = root.querySelector("[data-pd-result-impossible]").textContent;
        } else {
          var around = bar.getAttribute("data-pd-bar-answer").split("{answer}");
          text.textContent = "";
          text.appendChild(document.createTextNode(around[0]));
          text.appendChild(nameOf(best));
          text.appendChild(document.createTextNode(around.slice(1).join("{answer}")));
        }
      }
      if (best === null) return;
      showAnswer(best, needed);
    }

    /* The answer's name: each plan's name one unit (a line breaks between names, not at a hyphen). */
    function nameOf(best) {
      var name = document.createDocumentFragment();
      best.plans.forEach(function (plan, index) {
        if (index) name.appendChild(document.createTextNode(data.joiner));
        var unit = document.createElement("span");
        unit.className = "pd-name";
        unit.textContent = plan.name;
        name.appendChild(unit);
      });
      return name;
    }

    /* With `plans` (the answer's, when it is more than one): each feature says which of them has it. */
    function listFeatures(items, ids, plans) {
      items.textContent = "";
      ids.forEach(function (id) {
        var item = document.createElement("li");
        item.textContent = data.labels[id];
        item.setAttribute("data-feature", id);
        var by = plans && plans.length > 1 && plans.filter(function (plan) { return plan.features.indexOf(id) >= 0; })[0];
        if (by) {
          var which = document.createElement("span");
          which.textContent = fill(data.coveredBy, { plan: by.name });
          which.className = "pd-name";
          which.setAttribute("data-pd-covered-by", by.id);
          item.appendChild(which);
        }
        items.appendChild(item);
      });
      return items;
    }

    /* The answer as a card: its name, what it has of what was ticked, what else it brings (grouped as
     * the matrix groups features), and where to read on. */
    function showAnswer(best, needed) {
      var title = root.querySelector("[data-pd-result-name]");
      title.textContent = "";
      title.appendChild(nameOf(best));
      listFeatures(root.querySelector("[data-pd-result-has]"), data.groups.reduce(function (all, group) {
        return all.concat(group.features.filter(function (id) { return needed.indexOf(id) >= 0 && all.indexOf(id) < 0; }));
      }, []), best.plans);
      var also = root.querySelector("[data-pd-result-also]");
      also.textContent = "";
      var more = 0;
      data.groups.forEach(function (group) {
        var ids = group.features.filter(function (id) { return best.has[id] && needed.indexOf(id) < 0; });
        if (!ids.length) return;
        more += ids.length;
        var part = document.createElement("details");
        part.className = "abstract";
        var title = document.createElement("summary");
        title.textContent = group.heading;
        part.appendChild(title);
        part.appendChild(listFeatures(document.createElement("ul"), ids));
        also.appendChild(part);
      });
      show("[data-pd-result-also-part]", more > 0);
      var ids = best.plans.map(function (plan) { return plan.id; });
      var compare = root.querySelector("[data-pd-result-matrix]");
      if (compare) {
        var target = new URL(data.matrix, window.location.href);
        target.searchParams.set("plans", ids.join(","));
        target.searchParams.set("features", needed.join(","));
        target.hash = "matrix";
        compare.href = target.toString();
      }
      var links = root.querySelector("[data-pd-result-links]");
      links.querySelectorAll("[data-pd-result-page]").forEach(function (item) { item.remove(); });
      var solutions = [];
      best.plans.forEach(function (plan) {
        (plan.solutions || [plan.solution]).forEach(function (id) {
          if (solutions.indexOf(id) < 0) solutions.push(id);
        });
      });
      data.solutions.filter(function (id) { return solutions.indexOf(id) >= 0 && data.pages[id]; })
        .forEach(function (id) {
          var item = document.createElement("li");
          item.setAttribute("data-pd-result-page", id);
          var link = document.createElement("a");
          link.href = data.pages[id].href;
          link.textContent = data.pages[id].text;
          item.appendChild(link);
          links.appendChild(item);
        });
    }

    form.addEventListener("change", update);
    form.addEventListener("reset", function () { window.setTimeout(update, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    update();
  }

  /* ---- language switcher: keep the query (finder) and the anchor (deep links) ---------------- */

  function keepPlaceOnLanguageSwitch() {
    /* The switcher's links already lead to the same page in the other language; keep the query
     * (a finder selection) and the anchor (a deep link) too. The theme's own handler, which
     * expects links to language roots, is not needed for these links. */
    document.querySelectorAll("a.md-select__link[hreflang]").forEach(function (link) {
      if (link.dataset.pdReady) return;
      link.dataset.pdReady = "1";
      link.addEventListener("click", function (event) {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        event.stopPropagation();
        var target = new URL(link.getAttribute("href"), window.location.href);
        target.search = window.location.search;
        target.hash = window.location.hash;
        window.location.assign(target.toString());
      });
    });
  }

  function setup() {
    setupScrollBoxes();
    document.querySelectorAll("[data-pd-matrix]").forEach(setupMatrix);
    document.querySelectorAll("[data-pd-finder]").forEach(setupFinder);
    keepPlaceOnLanguageSwitch();
  }

  window.addEventListener("resize", function () { fitTables(document); });

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(setup);
  } else {
    document.addEventListener("DOMContentLoaded", setup);
  }
})();
