/* The plan finder: tick features, see the smallest plan, bundle or combination that has them all
 * (plans.js decides), as a card beside the features and, on a phone, a bar at the bottom of the
 * screen. The ticked features are kept in the address (?need=a,b). */
import { fill, smallest } from "./plans.js";

const NEED = "need";

export function setupFinder(root) {
  if (root.dataset.pdReady) return;
  root.dataset.pdReady = "1";
  const data = JSON.parse(root.querySelector("[data-pd-finder-data]").textContent);
  const form = root.querySelector(".pd-finder-form");
  const boxes = [...form.querySelectorAll("[data-pd-need]")];
  const bar = root.querySelector("[data-pd-result-bar]");
  form.hidden = false;
  root.querySelector(".pd-finder-result").hidden = false;
  root.classList.add("pd-ready");

  const wanted = (new URLSearchParams(window.location.search).get(NEED) || "").split(",").filter(Boolean);
  boxes.forEach((box) => { box.checked = wanted.includes(box.value); });

  const show = (part, on) => { root.querySelector(part).hidden = !on; };

  /* The answer's name: each plan's name one unit (a line breaks between names, not at a hyphen). */
  function nameOf(best) {
    const name = document.createDocumentFragment();
    best.plans.forEach((plan, index) => {
      if (index) name.append(data.joiner);
      const unit = document.createElement("span");
      unit.className = "pd-name";
      unit.textContent = plan.name;
      name.append(unit);
    });
    return name;
  }

  /* With `plans` (the answer's, when it is more than one): each feature says which of them has it. */
  function listFeatures(items, ids, plans) {
    items.textContent = "";
    for (const id of ids) {
      const item = document.createElement("li");
      item.textContent = data.labels[id];
      item.setAttribute("data-feature", id);
      const by = plans && plans.length > 1 && plans.find((plan) => plan.features.includes(id));
      if (by) {
        const which = document.createElement("span");
        which.textContent = fill(data.coveredBy, { plan: by.name });
        which.className = "pd-name";
        which.setAttribute("data-pd-covered-by", by.id);
        item.append(which);
      }
      items.append(item);
    }
    return items;
  }

  /* What else the answer brings, grouped as the matrix groups features. */
  function showAlso(best, needed) {
    const also = root.querySelector("[data-pd-result-also]");
    also.textContent = "";
    let more = 0;
    for (const group of data.groups) {
      const ids = group.features.filter((id) => best.has[id] && !needed.includes(id));
      if (!ids.length) continue;
      more += ids.length;
      const part = document.createElement("details");
      part.className = "abstract";
      const title = document.createElement("summary");
      title.textContent = group.heading;
      part.append(title, listFeatures(document.createElement("ul"), ids));
      also.append(part);
    }
    show("[data-pd-result-also-part]", more > 0);
  }

  /* Where to read on: the matrix with the answer's plans and the features ticked, and each solution's page. */
  function showLinks(best, needed) {
    const compare = root.querySelector("[data-pd-result-matrix]");
    if (compare) {
      const target = new URL(data.matrix, window.location.href);
      target.searchParams.set("plans", best.plans.map((plan) => plan.id).join(","));
      target.searchParams.set("features", needed.join(","));
      target.hash = "matrix";
      compare.href = target.toString();
    }
    const links = root.querySelector("[data-pd-result-links]");
    links.querySelectorAll("[data-pd-result-page]").forEach((item) => item.remove());
    const solutions = new Set(best.plans.flatMap((plan) => plan.solutions || [plan.solution]));
    for (const id of data.solutions.filter((solution) => solutions.has(solution) && data.pages[solution])) {
      const item = document.createElement("li");
      item.setAttribute("data-pd-result-page", id);
      const link = document.createElement("a");
      link.href = data.pages[id].href;
      link.textContent = data.pages[id].text;
      item.append(link);
      links.append(item);
    }
  }

  /* The answer as a card: its name, what it has of what was ticked, what else it brings, where to read on. */
  function showAnswer(best, needed) {
    const title = root.querySelector("[data-pd-result-name]");
    title.textContent = "";
    title.append(nameOf(best));
    const ticked = [];
    for (const group of data.groups) {
      ticked.push(...group.features.filter((id) => needed.includes(id) && !ticked.includes(id)));
    }
    listFeatures(root.querySelector("[data-pd-result-has]"), ticked, best.plans);
    showAlso(best, needed);
    showLinks(best, needed);
  }

  /* The bar at the bottom of a narrow screen: the answer in a line, and a link to the card. */
  function showBar(best, needed) {
    if (!bar) return;
    bar.hidden = !needed.length;
    const text = bar.querySelector("[data-pd-bar-text]");
    if (best === null) {
      text.textContent = root.querySelector("[data-pd-result-impossible]").textContent;
      return;
    }
    const [before, ...after] = bar.getAttribute("data-pd-bar-answer").split("{answer}");
    text.textContent = "";
    text.append(before, nameOf(best), after.join("{answer}"));
  }

  function update() {
    const needed = boxes.filter((box) => box.checked).map((box) => box.value);
    const url = new URL(window.location.href);
    if (needed.length) url.searchParams.set(NEED, needed.join(",")); else url.searchParams.delete(NEED);
    window.history.replaceState(window.history.state, "", url.toString());
    const best = needed.length ? smallest(data, needed) : null;
    show("[data-pd-result-empty]", !needed.length);
    show("[data-pd-result-impossible]", needed.length > 0 && best === null);
    show("[data-pd-result-found]", best !== null);
    showBar(best, needed);
    if (best !== null) showAnswer(best, needed);
  }

  form.addEventListener("change", update);
  form.addEventListener("reset", () => window.setTimeout(update, 0));
  form.addEventListener("submit", (event) => event.preventDefault());
  update();
}
