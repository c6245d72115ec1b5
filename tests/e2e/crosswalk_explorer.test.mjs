// The crosswalk explorer driven as an auditor would: both directions, the live coverage
// summary, filters, the matrix drill-down, the unique register and stable deep links.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { useApp } from "./support/harness.mjs";
import { CrosswalkExplorer } from "./pages/crosswalk_explorer.mjs";

const app = useApp();
const withExplorer = (body) => app.withPage(CrosswalkExplorer, body);

test("the app opens on the crosswalk, says it is informative, and lists the 33 common criteria", async () => {
  await withExplorer(async (ui, page) => {
    await page.goto(`${app.origin()}/`);
    await page.getByRole("heading", { name: /Crosswalk: Trust Services Criteria to ISO/ }).waitFor();
    assert.match(await page.getByRole("note").innerText(), /informative mapping, not a guarantee/);
    assert.equal(await ui.itemCount().innerText(), "33 items shown");
    assert.match(await ui.coverageLine().innerText(), /^33 criteria in scope: \d+ full, \d+ partial, \d+ unique/);
  });
});

test("scope toggles recompute the coverage summary and the list live", async () => {
  await withExplorer(async (ui, page) => {
    await ui.open();
    await ui.scopeToggle("Availability").click();
    assert.equal(await ui.scopeToggle("Availability").getAttribute("aria-pressed"), "true");
    assert.match(await ui.coverageLine().innerText(), /^36 criteria in scope/);
    assert.equal(await ui.itemCount().innerText(), "36 items shown");
    await page.getByRole("rowheader", { name: "Availability" }).waitFor();
    await ui.scopeToggle("Privacy").click();
    assert.match(await ui.coverageLine().innerText(), /^54 criteria in scope: \d+ full, \d+ partial, [1-9]\d* unique/);
    await ui.scopeToggle("Availability").click();
    await ui.scopeToggle("Privacy").click();
    assert.match(await ui.coverageLine().innerText(), /^33 criteria in scope/);
  });
});

test("both directions: a criterion lists its ISO items and an ISO control lists its criteria", async () => {
  await withExplorer(async (ui, page) => {
    await ui.open("#/crosswalk/tsc");
    assert.ok((await ui.linkedRefs("CC6.1")).includes("A.5.15"));
    await page.getByRole("link", { name: "From ISO items to SOC 2" }).click();
    await page.waitForURL(/#\/crosswalk\/iso$/);
    assert.equal(await ui.itemCount().innerText(), "123 items shown");
    assert.ok((await ui.linkedRefs("A.5.15")).includes("CC6.1"));

    await ui.row("A.5.15").locator(".row-head a").click();
    await ui.panel().waitFor();
    assert.equal(new URL(page.url()).hash, "#/iso/A.5.15");
    assert.ok((await ui.panelLinks()).includes("CC6.1"));
    const card = ui.panel().locator(".link-card", { has: page.locator(".link-head > a .ref", { hasText: /^CC6\.1$/ }) });
    assert.match(await card.innerText(), /Why: .+/);
    assert.match(await card.innerText(), /Diverges: .+/);
    assert.match(await card.locator(".badge.rel").innerText(), /equal|subset|superset|intersects/);

    await card.locator(".link-head > a").click();
    await page.waitForURL(/#\/tsc\/CC6\.1$/);
    // The address changes before the page does: wait for the criterion's own page.
    await page.getByRole("heading", { level: 2, name: /^CC6\.1 / }).waitFor();
    assert.ok((await ui.panelLinks()).includes("A.5.15"));
    assert.match(await ui.panel().locator(".verdict-line").innerText(), /Verdict: .*(Full|Partial)/);
  });
});

test("relationship, verdict, theme and search filters narrow the explorer", async () => {
  await withExplorer(async (ui, page) => {
    await ui.open();
    await ui.filterChip("Relationship", "subset").click();
    const badges = await page.locator(".explorer-row .badge.rel").allTextContents();
    assert.ok(badges.length > 0 && badges.every((b) => /subset/.test(b)), badges.join(","));
    await ui.filterChip("Relationship", "subset").click();

    await ui.filterChip("ISO theme", "A.7 Physical").click();
    assert.ok((await ui.rows()).includes("CC6.4"));
    const linked = await page.locator(".explorer-row .link-chips .ref").allTextContents();
    assert.ok(linked.every((r) => r.startsWith("A.7.")), linked.join(","));
    await ui.filterChip("ISO theme", "A.7 Physical").click();

    await ui.scopeToggle("Privacy").click();
    await ui.filterChip("Verdict", "unique").click();
    const unique = await ui.rows();
    assert.ok(unique.includes("P2.1"), unique.join(","));
    await ui.row("P2.1").scrollIntoViewIfNeeded();
    assert.match(await ui.row("P2.1").locator(".badge.verdict").innerText(), /Unique/);
    assert.match(await ui.row("P2.1").innerText(), /Unique/);
    assert.match(await ui.row("P2.1").innerText(), /No counterpart in scope/);
    await ui.filterChip("Verdict", "unique").click();

    await ui.search().fill("backup");
    const found = await ui.rows();
    assert.ok(found.includes("CC6.4") && found.length < 10, found.join(","));
  });
});

test("the matrix counts links per ISO group and TSC series and drills down to them", async () => {
  await withExplorer(async (ui, page) => {
    await ui.open("#/matrix");
    const cell = ui.matrixCell("A.8 Technological", "CC6");
    const count = Number(await cell.innerText());
    assert.ok(count > 0);
    await cell.click();
    await page.waitForURL(/#\/matrix\/technological\/CC6$/);
    await page.getByRole("heading", { name: /A\.8 Technological × CC6/ }).waitFor();
    const cards = page.locator(".drill-down .link-card");
    assert.equal(await cards.count(), count);
    const refs = await page.locator(".drill-down .link-head > a .ref").allInnerTexts();
    assert.ok(refs.every((r) => r.startsWith("A.8.")), refs.join(","));
    assert.equal(await page.locator("table.matrix thead th").count(), 9, "security scope: CC1-CC9");
    await ui.scopeToggle("Confidentiality").click();
    assert.equal(await page.locator("table.matrix thead th").count(), 10);
  });
});

test("the unique register lists what only one framework asks for", async () => {
  await withExplorer(async (ui, page) => {
    await ui.open("#/unique");
    const iso = await page.getByRole("region", { name: "Only in ISO/IEC 27001" }).innerText();
    for (const text of ["Statement of Applicability", "Internal audit", "Management review", "Produce:", "Why it does not cross-map:"]) {
      assert.match(iso, new RegExp(text, "i"), text);
    }
    const soc2 = await page.getByRole("region", { name: "Only in SOC 2" }).innerText();
    for (const text of ["System Description", "assertion", "complementary user entity", "Type 2"]) {
      assert.match(soc2, new RegExp(text, "i"), text);
    }
  });
});

test("deep links open items directly and survive a reload", async () => {
  await withExplorer(async (ui, page) => {
    await page.goto(`${app.origin()}/#/tsc/CC6.1`);
    await ui.panel().waitFor();
    assert.match(await page.locator("#item-title").innerText(), /CC6\.1/);
    await page.reload();
    await ui.panel().waitFor();
    assert.ok((await ui.panelLinks()).length > 0);
    await page.goto(`${app.origin()}/#/iso/9.2.2`);
    await ui.panel().waitFor();
    assert.ok((await ui.panelLinks()).includes("CC4.1"));
    assert.match(await ui.panel().innerText(), /In the unique register/);
  });
});

test("the OSCAL download follows the scope toggles and both OSCAL validators accept it", async () => {
  await withExplorer(async (ui, page) => {
    await ui.open();
    await ui.scopeToggle("Availability").click();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download this mapping as OSCAL (JSON)" }).click(),
    ]);
    assert.equal(download.suggestedFilename(), "crosswalk-mapping-oscal.json");
    const file = join(mkdtempSync(join(tmpdir(), "crosswalk-oscal-")), "mapping.json");
    await download.saveAs(file);
    const mapping = JSON.parse(readFileSync(file, "utf8"))["mapping-collection"].mappings[0];
    assert.match(mapping.remarks, /in scope: security, availability\./);
    const targets = mapping.maps.flatMap((m) => m.targets.map((t) => t["id-ref"]));
    assert.ok(targets.some((t) => t.startsWith("A1.")), "availability criteria are mapped");
    assert.ok(!targets.some((t) => t.startsWith("P")), "privacy is out of scope");
    const validators = spawnSync(".venv/bin/python", ["tests/consumers/oscal_validate.py", file], { encoding: "utf8" });
    assert.equal(validators.status, 0, validators.stderr);
    assert.match(validators.stdout, /accepted by compliance-trestle/);
    assert.match(validators.stdout, /accepted by oscal-bindings/);
  });
});

test("a criterion page explains its verdict point by point", async () => {
  await withExplorer(async (ui, page) => {
    await page.goto(`${app.origin()}/#/tsc/CC6.1`);
    await ui.panel().waitFor();
    const points = page.locator("ol.points-of-focus > li");
    assert.equal(await points.count(), 11, "CC6.1 has eleven points of focus");
    const statuses = await page.locator("ol.points-of-focus .point-status").allInnerTexts();
    assert.deepEqual([...new Set(statuses)], ["Reached"], "a full criterion reaches every point");
    assert.match(await points.first().innerText(), /Reached by .*A\.\d/);
    assert.match(await ui.panel().locator(".link-card .points").first().innerText(), /Points of focus reached: |In part: /);

    await page.goto(`${app.origin()}/#/tsc/CC1.1`);
    await page.locator("#item-title", { hasText: "CC1.1" }).waitFor();
    const partial = await page.locator("ol.points-of-focus .point-status").allInnerTexts();
    assert.equal(partial.length, 5);
    assert.ok(partial.some((s) => s !== "Reached"), partial.join(","));
    const remains = page.locator(".verdict-line .explanation");
    await remains.filter({ hasText: "no linked ISO item reaches in full" }).waitFor();
    assert.match(await remains.innerText(), /in part: 5\.1/);
  });
});
