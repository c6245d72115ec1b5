// Each report opened from the sample programme, checked against the programme itself.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { useApp } from "./support/harness.mjs";
import { assertOpenpyxlReads } from "./support/xlsx.mjs";
import { ReportsPage } from "./pages/reports.mjs";

const app = useApp();
const withReports = (body) =>
  app.withPage(ReportsPage, async (ui, page, log) => {
    await ui.openSample();
    const programme = await ui.stored();
    await body(ui, page, programme, log);
  });

test("the Statement of Applicability lists all 93 controls with the programme's decisions", async () => {
  await withReports(async (ui, page, programme) => {
    await ui.openReport("soa");
    const rows = await ui.rows();
    assert.equal(rows.length, 93);
    for (const decision of programme.applicability.filter((a) => !a.applicable)) {
      const row = rows.find((r) => r.control === decision.control);
      assert.equal(row.applicable, "excluded");
      assert.equal(row.justification, decision.justification);
    }
    const a515 = rows.find((r) => r.control === "A.5.15");
    const implementing = programme.controls.filter((c) => c.iso.includes("A.5.15")).map((c) => c.id);
    assert.deepEqual(a515["unified controls"].split("\n"), implementing);
  });
});

test("clause readiness flags internal audit and management review before stage 2", async () => {
  await withReports(async (ui) => {
    await ui.openReport("clauses");
    const rows = await ui.rows();
    assert.equal(rows.length, 30);
    assert.deepEqual(rows.filter((r) => r["before stage 2"] === "yes").map((r) => r.clause), ["9.2.1", "9.2.2", "9.3.1", "9.3.2", "9.3.3"]);
  });
});

test("the SOC 2 matrix and both evidence request lists cite the same evidence ids", async () => {
  await withReports(async (ui, page, programme) => {
    await ui.openReport("soc2-matrix");
    const matrix = await ui.rows();
    const cc61 = matrix.filter((r) => r.criterion === "CC6.1").map((r) => r["unified control"]);
    const expected = programme.controls.filter((c) => c.tsc.includes("CC6.1")).map((c) => c.id);
    assert.deepEqual(cc61, expected);

    await ui.openReport("evidence-requests-iso");
    const iso = (await ui.rows()).map((r) => r["evidence id"]);
    await ui.openReport("evidence-requests-soc2");
    const soc2Rows = await ui.rows();
    const shared = soc2Rows.map((r) => r["evidence id"]).filter((id) => iso.includes(id));
    assert.ok(shared.length > 0, "one evidence item, cited by both audits with its one id");
    const item = programme.evidence.find((e) => e.id === shared[0]);
    const line = soc2Rows.find((r) => r["evidence id"] === shared[0]);
    assert.equal(line["evidence title"], item.title);
    assert.equal(line.owner, item.owner);
  });
});

test("the System Description draft is pre-filled from the programme and prompts for the rest", async () => {
  await withReports(async (ui, page, programme) => {
    await ui.openReport("system-description");
    const sections = await ui.rows();
    assert.equal(sections.length, 9);
    const dc1 = sections.find((s) => s.section === "DC1");
    assert.equal(dc1["your text"], programme.description_notes.DC1);
    assert.match(sections.find((s) => s.section === "DC6")["from the programme"], /CUEC-01/);
    assert.match(sections.find((s) => s.section === "DC7")["from the programme"], /carve-out/);
    assert.notEqual(sections.find((s) => s.section === "DC9")["still to write"], "");
    const markdown = await ui.download("Export Markdown");
    assert.match(markdown.text, /^# System Description: /);
  });
});

test("the plan draws shared and framework-specific work apart and follows the chosen order", async () => {
  await withReports(async (ui, page) => {
    await ui.openReport("plan");
    const labels = await page.locator("svg .phase-label").allTextContents();
    assert.ok(labels.some((l) => l.startsWith("[shared]")));
    assert.ok(labels.some((l) => l.startsWith("[ISO]")));
    assert.ok(labels.some((l) => l.startsWith("[SOC 2]")));
    let ids = (await ui.rows()).map((r) => r.id);
    assert.ok(ids.indexOf("iso-stage-2") < ids.indexOf("soc2-window"), ids.join(","));
    await page.getByLabel("SOC 2", { exact: true }).check();
    await page.waitForFunction(() => [...document.querySelectorAll("table.report tbody tr td:first-child")].some((td) => td.textContent === "soc2-specific"));
    ids = (await ui.rows()).map((r) => r.id);
    assert.ok(ids.indexOf("soc2-window") < ids.indexOf("iso-stage-2"), ids.join(","));
    const csv = await ui.download("Export CSV");
    assert.match(csv.text, /^id,name,track,start,end,depends_on,items\n/);
  });
});

test("reports print as clean pages without navigation or buttons", async () => {
  await withReports(async (ui, page) => {
    await ui.openReport("soa");
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.locator(".app-header").isVisible(), false);
    assert.equal(await page.getByRole("button", { name: "Print" }).isVisible(), false);
    assert.equal(await page.locator("table.report").isVisible(), true);
    assert.equal(await page.locator(".report-title").isVisible(), true);
  });
});

test("an item page answers what is left for it in the programme", async () => {
  await withReports(async (ui, page) => {
    await page.goto(`${app.origin()}/#/tsc/CC6.1`);
    const status = page.locator(".programme-status");
    await status.waitFor();
    assert.match(await status.innerText(), /State: (covered|partial|missing)/);
    assert.match(await status.innerText(), /Unified controls: UC-/);
  });
});

test("a CUEC and a subservice organisation added in the registers appear in the System Description", async () => {
  await withReports(async (ui, page) => {
    await ui.open("/registers");
    await page.getByRole("button", { name: "Add a CUEC" }).click();
    const last = page.locator("section[aria-labelledby='cuec-title'] fieldset").last();
    await last.getByLabel("What customers must do").fill("Customers rotate their API keys every 90 days.");
    await last.getByLabel("What customers must do").press("Tab");
    await last.getByLabel("Criteria it complements").fill("CC6.1, CC9.9");
    await last.getByLabel("Criteria it complements").press("Tab");
    assert.match(await page.locator(".registers .field-error").innerText(), /not Trust Services Criteria: CC9\.9/);
    await last.getByLabel("Criteria it complements").fill("CC6.1");
    await last.getByLabel("Criteria it complements").press("Tab");
    await ui.stored((p) => p.cuecs.some((c) => c.description.startsWith("Customers rotate") && c.criteria.join() === "CC6.1"));

    await page.getByRole("button", { name: "Add a subservice organisation" }).click();
    const org = page.locator("section[aria-labelledby='subservice-title'] fieldset").last();
    await org.getByLabel("Name").fill("Stripe");
    await org.getByLabel("Name").press("Tab");
    await org.getByLabel("Method").selectOption("inclusive");
    await ui.stored((p) => p.subservice_organisations.some((o) => o.name === "Stripe" && o.method === "inclusive"));

    await ui.openReport("system-description");
    const sections = await ui.rows();
    assert.match(sections.find((s) => s.section === "DC6")["from the programme"], /Customers rotate their API keys/);
    assert.match(sections.find((s) => s.section === "DC7")["from the programme"], /Stripe \(inclusive method\)/);
  });
});

test("the plan starts on the target date the user sets", async () => {
  await withReports(async (ui, page) => {
    await ui.openReport("plan");
    await page.getByLabel("Start").fill("2026-10-05");
    await page.getByLabel("Start").press("Tab");
    await page.waitForFunction(() => document.querySelector("table.report tbody tr td:nth-child(4)")?.textContent === "2026-10-05");
    const rows = await ui.rows();
    assert.equal(rows[0].start, "2026-10-05");
  });
});

test("the management assertion checklist follows the programme's report type and readiness", async () => {
  await withReports(async (ui, page, programme) => {
    await ui.openReport("assertion");
    const items = await ui.rows();
    const operated = items.find((i) => /operated effectively/.test(i.statement));
    assert.ok(operated, "a Type 2 programme asserts operating effectiveness");
    const notOperating = programme.controls.filter((c) => c.tsc.length > 0 && c.status !== "operating").map((c) => c.id);
    assert.equal(operated.ready, notOperating.length === 0 ? "yes" : "no");
    for (const id of notOperating) assert.match(operated.basis, new RegExp(id));
  });
});

test("a report downloads as a workbook that openpyxl reads as the report's CSV", async () => {
  await withReports(async (ui) => {
    const dir = mkdtempSync(join(tmpdir(), "crosswalk-report-xlsx-"));
    // The SoA has lists and long wrapped text; the plan has real dates.
    for (const id of ["soa", "plan"]) {
      await ui.openReport(id);
      const workbook = await ui.saveDownload("Export XLSX", dir);
      assert.equal(workbook.name, `crosswalk-${id}.xlsx`);
      const csv = await ui.saveDownload("Export CSV", dir);
      assertOpenpyxlReads(workbook.path, [csv.path]);
    }
    rmSync(dir, { recursive: true });
  });
});
