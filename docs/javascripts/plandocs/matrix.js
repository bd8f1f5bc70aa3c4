/* The feature matrix: a filter over its rows, the plans to compare (kept in the address, ?plans=a,b),
 * only the rows that differ, only the features ticked in the finder (?features=a,b), and the parts of
 * a long matrix opened where they hold rows. */
import { fill, fold } from "./plans.js";
import { fitTables } from "./tables.js";

const PLANS = "plans";
const FEATURES = "features";

/* A row's group (its section's heading), so that a group's name finds its rows too. */
function groupOf(row) {
  const heading = row.parentNode.querySelector("tr.pd-section th");
  return heading ? heading.textContent : "";
}

function replaceAddress(change) {
  const url = new URL(window.location.href);
  change(url.searchParams);
  window.history.replaceState(window.history.state, "", url.toString());
}

/* A group heading (a solution over its tiers, or the bundles) spans the columns still shown. */
function fitGroupHeadings(tables) {
  for (const table of tables) {
    for (const attribute of ["data-solution", "data-pd-group"]) {
      table.querySelectorAll(`thead th[scope=colgroup][${attribute}]`).forEach((head) => {
        const id = head.getAttribute(attribute);
        const shown = table.querySelectorAll(`thead th[data-plan][${attribute}="${id}"]:not([hidden])`).length;
        head.hidden = shown === 0;
        head.colSpan = Math.max(shown, 1);
      });
    }
  }
}

/* Whether a row differs between the plans shown: some have the feature, some do not. */
function differs(row) {
  const has = [...row.querySelectorAll("td[data-plan]:not([hidden])")]
    .map((cell) => cell.getAttribute("data-state") !== "excluded");
  return has.some(Boolean) && !has.every(Boolean);
}

export function setupMatrix(root) {
  if (root.dataset.pdReady) return;
  root.dataset.pdReady = "1";
  const form = root.querySelector(".pd-controls");
  /* One table, or (a long matrix) one per collapsed part, each with its own header. */
  const tables = [...root.querySelectorAll("table")];
  if (!form || !tables.length) return;
  form.hidden = false;
  form.addEventListener("submit", (event) => event.preventDefault());
  const filter = form.querySelector("[data-pd-filter]");
  const planBoxes = [...form.querySelectorAll("[data-pd-plan]")];
  const differences = form.querySelector("[data-pd-differences]");
  const count = form.querySelector("[data-pd-count]");
  const onlyBox = form.querySelector("[data-pd-only]");
  const rows = [...root.querySelectorAll("tbody tr[data-feature]")];
  const parts = [...root.querySelectorAll("details.pd-part")];
  const params = new URLSearchParams(window.location.search);
  /* From the plan finder: only the features ticked there, until the reader unticks. */
  const only = (params.get(FEATURES) || "").split(",").filter(Boolean);

  const chosenPlans = () => (planBoxes.length ? planBoxes.filter((box) => box.checked)
    .map((box) => box.getAttribute("data-pd-plan")) : null);

  function shows(row, query) {
    const label = row.querySelector("th summary") || row.querySelector("th");
    let matches = !query || fold(label.textContent).includes(query) || fold(groupOf(row)).includes(query);
    if (onlyBox && onlyBox.checked && !only.includes(row.getAttribute("data-feature"))) matches = false;
    return matches && (!differences || !differences.checked || differs(row));
  }

  function update() {
    const query = fold(filter.value.trim());
    const chosen = chosenPlans();
    root.querySelectorAll("table [data-plan]").forEach((cell) => {
      cell.hidden = chosen !== null && !chosen.includes(cell.getAttribute("data-plan"));
    });
    fitGroupHeadings(tables);
    const columns = chosen === null ? tables[0].querySelectorAll("thead th[data-plan]").length : chosen.length;
    root.querySelectorAll("[data-pd-span]").forEach((cell) => { cell.colSpan = columns + 1; });
    let shownRows = 0;
    for (const row of rows) {
      row.hidden = !shows(row, query);
      if (!row.hidden) shownRows += 1;
    }
    root.querySelectorAll("tbody").forEach((body) => {
      const section = body.querySelector("tr.pd-section");
      if (section) section.hidden = !body.querySelector("tr[data-feature]:not([hidden])");
    });
    /* A long matrix's parts: narrowed down (a filter, the finder's features), the parts with rows open. */
    const narrowed = Boolean(query) || Boolean(onlyBox && onlyBox.checked);
    for (const part of parts) {
      const any = part.querySelector("tr[data-feature]:not([hidden])");
      part.hidden = !any;
      if (narrowed && any) part.open = true;
    }
    count.textContent = fill(root.getAttribute("data-rows-shown"), { shown: shownRows, total: rows.length });
    /* Nothing to compare (no plan ticked, no row left): say what to do instead of an empty table. */
    const empty = root.querySelector("[data-pd-empty]");
    if (empty) empty.hidden = shownRows > 0 && (chosen === null || chosen.length > 0);
    fitTables(root);
  }

  if (onlyBox) {
    onlyBox.checked = only.length > 0;
    onlyBox.closest("p").hidden = !only.length;
  }
  /* The plans to compare come from the address; without them, a phone shows two plans side by side
   * instead of squeezing every column. */
  const asked = (params.get(PLANS) || "").split(",").filter(Boolean);
  const known = planBoxes.filter((box) => asked.includes(box.getAttribute("data-pd-plan")));
  if (known.length) {
    planBoxes.forEach((box) => { box.checked = known.includes(box); });
  } else if (planBoxes.length > 2 && window.matchMedia("(max-width: 44.9375em)").matches) {
    planBoxes.forEach((box, index) => { box.checked = index < 2; });
  }

  /* A deep link into a closed part opens it. */
  function openTarget() {
    const id = decodeURIComponent(window.location.hash.slice(1));
    const target = id && document.getElementById(id);
    const part = target && target.closest && target.closest("details.pd-part");
    if (part && root.contains(part)) {
      part.open = true;
      target.scrollIntoView();
    }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();

  form.addEventListener("input", update);
  form.addEventListener("change", (event) => {
    update();
    if (event.target.hasAttribute("data-pd-plan")) replaceAddress((query) => query.set(PLANS, chosenPlans().join(",")));
    if (event.target === onlyBox && !onlyBox.checked) replaceAddress((query) => query.delete(FEATURES));
  });
  update();
}
