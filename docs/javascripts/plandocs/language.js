/* The language switcher keeps the reader's place. Its links already lead to the same page in the other
 * language; the query (a finder's selection, the plans compared) and the anchor (a deep link) are kept
 * too. The theme's own handler, which expects links to language roots, is not needed for these links. */

export function keepPlaceOnLanguageSwitch() {
  document.querySelectorAll("a.md-select__link[hreflang]").forEach((link) => {
    if (link.dataset.pdReady) return;
    link.dataset.pdReady = "1";
    link.addEventListener("click", (event) => {
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      event.stopPropagation();
      const target = new URL(link.getAttribute("href"), window.location.href);
      target.search = window.location.search;
      target.hash = window.location.hash;
      window.location.assign(target.toString());
    });
  });
}
