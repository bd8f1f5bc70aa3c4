/* Wide tables: each scroll box says which side has more columns (its edge fades there); the matrix
 * scrolls with the page while it fits, and sideways in its own box when it does not. */

function markMore(box) {
  box.classList.toggle("pd-more-left", box.scrollLeft > 1);
  box.classList.toggle("pd-more-right", box.scrollLeft + box.clientWidth < box.scrollWidth - 1);
}

/* The matrix's second header row sits under its first (--pd-head-row). */
export function fitTables(root) {
  root.querySelectorAll(".pd-scroll").forEach((box) => {
    const table = box.querySelector("table");
    if (!table) return;
    if (box.closest(".pd-matrix")) {
      box.classList.remove("pd-overflows");
      box.classList.toggle("pd-overflows", table.offsetWidth > box.clientWidth + 1);
      const first = table.querySelector("thead tr");
      if (first) box.style.setProperty("--pd-head-row", `${first.getBoundingClientRect().height}px`);
    }
    markMore(box);
  });
}

export function setupScrollBoxes() {
  document.querySelectorAll(".pd-scroll").forEach((box) => {
    if (box.dataset.pdReady) return;
    box.dataset.pdReady = "1";
    box.addEventListener("scroll", () => markMore(box), { passive: true });
  });
  fitTables(document);
}
