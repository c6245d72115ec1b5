// Hostile and broken input: every bad file gives a precise message and changes nothing;
// script payloads show as inert text everywhere, including reports and print views.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { useApp } from "./support/harness.mjs";
import { ProgrammePage } from "./pages/programme.mjs";

const app = useApp();
const fixture = (name) => readFileSync(`tests/fixtures/${name}`);

test("every bad file in the fixture corpus is refused precisely and loses nothing", async () => {
  await app.withPage(ProgrammePage, async (ui) => {
    await ui.openSample();
    const before = await ui.stored();
    const huge = Buffer.alloc(20 * 1024 * 1024, 0x20);
    for (const [name, contents, expected] of [
      ["truncated.json", fixture("truncated.json"), /not valid JSON: EOF while parsing/],
      ["wrong-types.json", fixture("wrong-types.json"), /controls\[0\]\.status: invalid type: integer `7`/],
      ["future-version.json", fixture("future-version.json"), /schema_version: 99 is newer than this Crosswalk reads/],
      ["unknown-version.json", fixture("unknown-version.json"), /schema_version: 0 is not a version Crosswalk ever wrote/],
      ["unknown-refs.json", fixture("unknown-refs.json"), /controls\[0\]\.tsc\[1\]: "CC99\.9" is not a Trust Services Criterion/],
      ["dangling-ids.json", fixture("dangling-ids.json"), /evidence\[0\]\.controls\[0\]: UC-777 does not exist/],
      ["duplicate-ids.json", fixture("duplicate-ids.json"), /controls\[1\]\.id: UC-001 is used twice/],
      ["deeply-nested.json", fixture("deeply-nested.json"), /recursion limit exceeded/],
      ["not-utf8.json", fixture("not-utf8.json"), /not UTF-8 text/],
      ["huge.json", huge, /is 20971520 bytes; a programme file is at most/],
    ]) {
      const message = await ui.importFile(name, contents);
      assert.match(message, new RegExp(`^${name.replace(".", "\\.")} was not imported; your programme is unchanged\\.`), name);
      assert.match(message, expected, name);
    }
    assert.deepEqual(await ui.stored(), before);
  });
});

test("script payloads imported through JSON are inert text in every view, report and print", async () => {
  await app.withPage(ProgrammePage, async (ui, page) => {
    await ui.open();
    const message = await ui.importFile("xss-payloads.json", fixture("xss-payloads.json"));
    assert.match(message, /^Imported/);
    const views = [
      "#/programme", "#/programme/scope", "#/programme/applicability", "#/programme/controls", "#/programme/controls/UC-001",
      "#/programme/evidence", "#/programme/evidence/EV-001", "#/programme/registers", "#/programme/coverage",
      "#/reports/soa", "#/reports/soc2-matrix", "#/reports/system-description", "#/reports/evidence-requests-iso", "#/reports/plan",
    ];
    for (const hash of views) {
      await page.goto(`${app.origin()}/${hash}`);
      await page.locator("#programme-title, #reports-title").first().waitFor();
      await page.waitForTimeout(50);
      assert.equal(await page.evaluate(() => window.__xss), undefined, `payload ran on ${hash}`);
      assert.equal(await page.locator("main img[src='x'], main script, main iframe, main svg[onload], main b[onmouseover]").count(), 0, `payload parsed as markup on ${hash}`);
      assert.equal(await page.locator("main a[href^='javascript:']").count(), 0, `javascript: link on ${hash}`);
    }
    await page.goto(`${app.origin()}/#/programme/controls`);
    await page.locator("table.records").waitFor();
    assert.match(await page.locator("table.records").innerText(), /<img src=x onerror=/, "shown as text");
    await page.goto(`${app.origin()}/#/reports/system-description`);
    await page.emulateMedia({ media: "print" });
    assert.match(await page.locator("table.report").innerText(), /<b onmouseover=/);
    assert.equal(await page.evaluate(() => window.__xss), undefined);
  });
});

test("payloads typed into free-text fields stay inert", async () => {
  await app.withPage(ProgrammePage, async (ui, page) => {
    await ui.startFromLibrary("<img src=x onerror=window.__xss=1>");
    await ui.open("/controls/UC-001");
    await ui.setField("Name", "<script>window.__xss=2</script>");
    await ui.setField("Owner", "<img src=x onerror=window.__xss=3>");
    await ui.open("/evidence/EV-001");
    await ui.setField("Title", "<svg onload=window.__xss=4>");
    await ui.setField("Location (a path or address you keep elsewhere; Crosswalk never opens it)", "javascript:window.__xss=5");
    await ui.open("/scope");
    await ui.setField("ISO/IEC 27001 certification scope (clause 4.3)", "<iframe src=javascript:window.__xss=6>");
    for (const hash of ["#/programme", "#/programme/controls", "#/programme/evidence", "#/reports/soa", "#/reports/soc2-matrix", "#/reports/system-description"]) {
      await page.goto(`${app.origin()}/${hash}`);
      await page.locator("#programme-title, #reports-title").first().waitFor();
      assert.equal(await page.evaluate(() => window.__xss), undefined, hash);
      assert.equal(await page.locator("main img[src='x'], main script, main iframe, main svg[onload]").count(), 0, hash);
    }
  });
});
