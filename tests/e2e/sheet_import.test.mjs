// Import from a spreadsheet as a compliance lead would: a messy CSV saved by Excel, the
// column guess checked and changed, the preview read, bad rows named, the import confirmed,
// then undone from the backup, which survives a reload.
import { test } from "node:test";
import assert from "node:assert/strict";

import { useApp } from "./support/harness.mjs";
import { ProgrammePage } from "./pages/programme.mjs";

const app = useApp();
const withProgramme = (body) => app.withPage(ProgrammePage, body);
const sheet = (name) => `tests/fixtures/sheets/${name}`;
const PREVIOUS_KEY = "crosswalk.programme.before-import";

test("a messy semicolon CSV is previewed, remapped, imported and undone", async () => {
  await withProgramme(async (ui, page) => {
    await ui.openSample();
    const before = await ui.stored();
    await ui.pickSheet(sheet("controls-excel-semicolon-1252.csv"));
    assert.equal(await ui.columnOf("Name"), "Control");
    assert.equal(await ui.columnOf("ISO/IEC 27001 refs"), "ISO 27001");
    assert.equal(await ui.columnOf("Status"), "Status");
    assert.match(await page.locator(".import-counts").innerText(), /6 row\(s\): 4 to add, 2 to update, 0 cannot be imported/);
    const first = await ui.previewRow(2).innerText();
    assert.match(first, /add as UC-079/);
    assert.match(first, /A\.5\.15; A\.5\.18/);
    assert.match(first, /Léa Dubois/);
    assert.match(await ui.previewRow(6).innerText(), /update UC-060/);

    await page.getByLabel("Description", { exact: true }).selectOption({ label: "Notes" });
    await page.waitForFunction(() => document.querySelector("table.preview tbody tr")?.innerText.includes("Policy v2 – see SharePoint"));
    assert.equal(await ui.stored().then((p) => p.controls.length), before.controls.length, "nothing changes before confirming");

    await page.getByRole("button", { name: "Import 6 row(s)" }).click();
    assert.match(await page.locator(".sheet-import .import-ok").innerText(), /4 unified control\(s\) added, 2 updated/);
    const after = await ui.stored((p) => p.controls.length === before.controls.length + 4);
    const policy = after.controls.find((c) => c.id === "UC-079");
    assert.deepEqual([policy.name, policy.description, policy.iso, policy.tsc], ["Access control policy", "Policy v2 – see SharePoint", ["A.5.15", "A.5.18"], ["CC6.1", "CC6.3"]]);
    assert.ok(await page.evaluate((key) => localStorage.getItem(key), PREVIOUS_KEY), "the previous programme is stored");

    await page.getByRole("button", { name: "Undo the import or merge (restore the previous programme)" }).click();
    const restored = await ui.stored((p) => p.controls.length === before.controls.length);
    assert.deepEqual(restored, before);
    await page.waitForFunction((key) => localStorage.getItem(key) === null, PREVIOUS_KEY);
  });
});

test("bad rows are named, block the import until skipped, and the backup survives a reload", async () => {
  await withProgramme(async (ui, page) => {
    await ui.openSample();
    const before = await ui.stored();
    await ui.pickSheet(sheet("controls-bad-rows.csv"));
    const refused = await page.locator(".refused-rows").innerText();
    for (const line of [
      "Row 3: unknown ref A.5.99",
      "Row 4: the name is empty",
      "Row 5: unknown status \"someday\"",
      "Row 6: duplicate of row 2",
      "Row 7: A.5.1 in the SOC 2 criteria column",
    ]) assert.ok(refused.includes(line), `${line} in ${refused}`);
    const confirm = page.getByRole("button", { name: "Import 1 row(s)" });
    assert.ok(await confirm.isDisabled(), "refused rows block the import");
    await page.getByLabel("Skip the 5 row(s) that cannot be imported").check();
    await confirm.click();
    await ui.stored((p) => p.controls.length === before.controls.length + 1);

    await page.reload();
    await ui.open("/import");
    const previous = await ui.download("Download the previous programme (JSON)");
    assert.equal(JSON.parse(previous.text).controls.length, before.controls.length);
    await page.getByRole("button", { name: "Discard the backup" }).click();
    await page.waitForFunction((key) => localStorage.getItem(key) === null, PREVIOUS_KEY);
    assert.equal(await page.locator(".backup-notice").count(), 0);
  });
});

test("evidence and SoA decisions import; a workbook is asked for as CSV", async () => {
  await withProgramme(async (ui, page) => {
    await ui.openSample();
    const before = await ui.stored();
    await ui.pickSheet(sheet("evidence-register.csv"), "Evidence items");
    assert.equal(await ui.columnOf("Frequency"), "Frequency");
    assert.equal(await ui.columnOf("Unified controls"), "Control");
    await page.getByRole("button", { name: "Import 4 row(s)" }).click();
    const after = await ui.stored((p) => p.evidence.length === before.evidence.length + 4);
    const review = after.evidence.find((e) => e.title === "Access review sign-off Q1");
    const control = after.controls.find((c) => c.name === "Access reviews");
    assert.deepEqual([review.cadence, review.controls], ["quarterly", [control.id]]);

    await ui.pickSheet(sheet("soa-decisions.csv"), "Statement of Applicability decisions");
    assert.equal(await ui.columnOf("Reasons"), "Reason for selection");
    assert.match(await ui.previewRow(3).innerText(), /update A\.5\.7.*Risk treatment.*R-12/s);
    await page.getByRole("button", { name: "Import 4 row(s)" }).click();
    const decided = await ui.stored((p) => p.applicability.find((a) => a.control === "A.5.7").risk_reference === "R-12");
    assert.deepEqual(decided.applicability.find((a) => a.control === "A.7.4").applicable, false);

    await ui.pickSheet(sheet("controls.xlsx"));
    assert.match(await page.locator(".sheet-import .import-error").innerText(), /controls\.xlsx cannot be imported: this is an Excel workbook; .*Save As › CSV/);
  });
});
