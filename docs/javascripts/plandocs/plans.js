/* The pure parts of the page script: words filled in, text folded for matching, which combinations are
 * sold and the smallest offering that has the features asked for. No page, no window: Node's test runner
 * runs them (tests/js/), on the same combination cases as the Python derivation and the test oracle. */

/* `template` with each {name} replaced by values[name] (an unknown name is left as written). */
export function fill(template, values) {
  return template.replace(/\{([a-z_]+)\}/g, (whole, name) =>
    Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole);
}

/* Text as a filter compares it: accents off, lower case. */
export function fold(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

/* Whether two solutions (by id) are never combined. `rules` is the finder data's `combinations`. */
export function excludes(rules, first, second) {
  return rules.exclude.some((pair) => pair.includes(first) && pair.includes(second));
}

/* Whether these base plans (one per solution, in price-list order) are a combination that is sold. */
export function allows(rules, plans) {
  if (!rules.sold || plans.length < 2) return false;
  if (rules.retired.some((ids) => ids.join(",") === plans.map((plan) => plan.id).join(","))) return false;
  if (rules.max !== null && plans.length > rules.max) return false;
  return !plans.some((plan, i) => plans.slice(i + 1).some((other) => excludes(rules, plan.solution, other.solution)));
}

function covers(features, needed) {
  const has = {};
  features.forEach((id) => { has[id] = true; });
  return needed.every((id) => has[id]) ? has : null;
}

/* Every base plan, bundle and combination sold is a candidate. Fewest solutions first, then fewest
 * plans to buy (a bundle is one), then lowest tiers, then price-list order: try one solution, then
 * two, ... and stop at the first size that has an answer, so a large catalogue is not searched
 * through. The answer: {plans, buys, rank, has (feature id -> true)}, or null. */
export function smallest(data, needed) {
  const rules = data.combinations;
  const groups = data.solutions.map((id) => data.plans.filter((plan) => plan.solution === id));
  for (let size = 1; size <= groups.length; size += 1) {
    let best = null;
    const consider = (plans, buys, rank, has) => {
      if (has && (best === null || buys < best.buys || (buys === best.buys && rank < best.rank))) {
        best = { plans, buys, rank, has };
      }
    };
    const walk = (start, chosen) => {
      if (chosen.length === size) {
        if (size === 1 || allows(rules, chosen)) {
          const rank = chosen.reduce((sum, plan) => sum + plan.rank, 0);
          consider(chosen, size, rank, covers(chosen.flatMap((plan) => plan.features), needed));
        }
        return;
      }
      for (let i = start; i <= groups.length - (size - chosen.length); i += 1) {
        for (const plan of groups[i]) {
          if (!chosen.some((other) => excludes(rules, other.solution, plan.solution))) {
            walk(i + 1, [...chosen, plan]);
          }
        }
      }
    };
    if (size === 1 || (rules.sold && (rules.max === null || size <= rules.max))) walk(0, []);
    for (const bundle of data.bundles) {
      if (bundle.solutions.length === size) consider([bundle], 1, bundle.rank, covers(bundle.features, needed));
    }
    if (best !== null) return best;
  }
  return null;
}
