/* Progressive enhancement of the plan pages: the matrix filter and plan choice (matrix.js), the plan
 * finder (finder.js), wide tables (tables.js) and a language switcher that keeps the reader's place
 * (language.js). Every word shown comes from the page (rendered from the catalogue); these files hold
 * none. Material calls document$ on every page load, including instant navigation. */
import { setupFinder } from "./finder.js";
import { keepPlaceOnLanguageSwitch } from "./language.js";
import { setupMatrix } from "./matrix.js";
import { fitTables, setupScrollBoxes } from "./tables.js";

function setup() {
  setupScrollBoxes();
  document.querySelectorAll("[data-pd-matrix]").forEach(setupMatrix);
  document.querySelectorAll("[data-pd-finder]").forEach(setupFinder);
  keepPlaceOnLanguageSwitch();
}

window.addEventListener("resize", () => fitTables(document));

if (window.document$ && window.document$.subscribe) {
  window.document$.subscribe(setup);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", setup);
} else {
  setup();
}
