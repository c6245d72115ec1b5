// Accessibility: axe-core on every view finds no serious or critical violation.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

import { useApp } from "./support/harness.mjs";
import { ProgrammePage } from "./pages/programme.mjs";

const app = useApp();
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const VIEWS = [
  "#/crosswalk/tsc", "#/crosswalk/iso", "#/matrix", "#/matrix/technological/CC6", "#/unique",
  "#/catalog/annex-a", "#/catalog/clauses", "#/catalog/tsc", "#/catalog/dc", "#/iso/A.5.15", "#/iso/9.2.2", "#/tsc/CC6.1", "#/dc/DC3",
  "#/programme", "#/programme/scope", "#/programme/applicability", "#/programme/controls", "#/programme/controls/UC-001",
  "#/programme/evidence", "#/programme/evidence/EV-001", "#/programme/registers", "#/programme/coverage",
  "#/reports/soa", "#/reports/clauses", "#/reports/soc2-matrix", "#/reports/system-description", "#/reports/assertion",
  "#/reports/evidence-requests-iso", "#/reports/evidence-requests-soc2", "#/reports/plan", "#/nowhere",
];

test("no view has a serious or critical axe violation", async () => {
  await app.withPage(ProgrammePage, async (ui, page) => {
    await ui.openSample();
    const found = [];
    for (const hash of VIEWS) {
      await page.goto(`${app.origin()}/${hash}`);
      await page.locator("main h2").first().waitFor();
      // axe is injected through the DevTools protocol, which the page's CSP does not govern.
      await page.evaluate(axeSource);
      const violations = await page.evaluate(async () => {
        const result = await window.axe.run(document, { resultTypes: ["violations"] });
        return result.violations
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
      });
      for (const v of violations) found.push(`${hash}: ${v}`);
    }
    assert.deepEqual(found, []);
  });
});
