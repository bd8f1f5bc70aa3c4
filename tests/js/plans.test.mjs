// The page script's pure parts (docs/javascripts/plandocs/plans.js), run by Node's own test runner:
// `node --test tests/js/` (tests/test_page_script.py runs it with the rest of the suite).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

const root = new URL("../../", import.meta.url);
const source = readFileSync(new URL("docs/javascripts/plandocs/plans.js", root), "utf-8");
const { allows, fill, fold, smallest } = await import(`data:text/javascript,${encodeURIComponent(source)}`);
const { cases } = JSON.parse(readFileSync(new URL("tests/fixtures/combination-cases.json", root), "utf-8"));

// A case's rules as the finder's data holds them (Site.finder_data's `combinations`).
function rulesOf(rules) {
  return { sold: rules.sold ?? true, max: rules.max_solutions ?? null, exclude: rules.exclude ?? [],
           retired: rules.retired ?? [] };
}

for (const { name, rules, plans, sold } of cases) {
  test(`combination case: ${name}`, () => {
    assert.equal(allows(rulesOf(rules), plans.map(([id, solution]) => ({ id, solution }))), sold);
  });
}

// A small catalogue: two solutions in two tiers, a bundle of both premiums.
const data = {
  solutions: ["sales", "service"],
  plans: [
    { id: "sales-essential", solution: "sales", rank: 0, features: ["leads"] },
    { id: "sales-premium", solution: "sales", rank: 1, features: ["leads", "forecast"] },
    { id: "service-essential", solution: "service", rank: 0, features: ["tickets"] },
    { id: "service-premium", solution: "service", rank: 1, features: ["tickets", "chat"] },
  ],
  bundles: [{ id: "suite", solutions: ["sales", "service"], rank: 2, features: ["leads", "forecast", "tickets", "chat"] }],
  combinations: rulesOf({}),
};
const ids = (best) => best && best.plans.map((plan) => plan.id);

test("the finder takes one plan when one has everything, at the lowest tier", () => {
  assert.deepEqual(ids(smallest(data, ["leads"])), ["sales-essential"]);
  assert.deepEqual(ids(smallest(data, ["forecast"])), ["sales-premium"]);
});

test("the finder takes a bundle over a combination of two plans (one to buy)", () => {
  assert.deepEqual(ids(smallest(data, ["forecast", "chat"])), ["suite"]);
});

test("the finder combines plans when no bundle is sold, and the lowest tiers that do", () => {
  assert.deepEqual(ids(smallest({ ...data, bundles: [] }, ["leads", "tickets"])), ["sales-essential", "service-essential"]);
});

test("the finder finds nothing for what only a combination has, while none is sold", () => {
  const unsold = { ...data, bundles: [], combinations: rulesOf({ sold: false }) };
  assert.equal(smallest(unsold, ["leads", "tickets"]), null);
  assert.equal(smallest(data, ["no-such-feature"]), null);
});

test("the finder skips a retired combination for the next one sold (equal tiers: the first in price-list order)", () => {
  const retired = { ...data, bundles: [], combinations: rulesOf({ retired: [["sales-essential", "service-essential"]] }) };
  assert.deepEqual(ids(smallest(retired, ["leads", "tickets"])), ["sales-essential", "service-premium"]);
});

test("words are filled in by name, unknown names kept", () => {
  assert.equal(fill("{shown} of {total} {rows}", { shown: 3, total: 10 }), "3 of 10 {rows}");
});

test("a filter compares text without accents or case", () => {
  assert.equal(fold("Försäljning ÉTÉ"), "forsaljning ete");
});
