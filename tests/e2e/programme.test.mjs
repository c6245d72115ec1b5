// The programme workspace driven as a compliance lead would: start from the library, edit,
// add evidence, reload, export and re-import, and survive bad files and broken storage.
import { test } from "node:test";
import assert from "node:assert/strict";

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { launchPersistent } from "./support/browser.mjs";
import { useApp } from "./support/harness.mjs";
import { BACKUP_KEY, ProgrammePage, STORAGE_KEY } from "./pages/programme.mjs";
import { ReportsPage } from "./pages/reports.mjs";
import { storedEntries } from "./support/stored.mjs";
import { assertOpenpyxlReads } from "./support/xlsx.mjs";

const app = useApp();
const withProgramme = (body) => app.withPage(ProgrammePage, body);

test("start from the library with elected categories", async () => {
  await withProgramme(async (ui, page) => {
    await ui.startFromLibrary("Acme Cloud Ltd", ["Availability"]);
    assert.match(await ui.charts().nth(1).innerText(), /^SOC 2 \(criteria in scope\): 0 covered, 0 partial, 36 missing$/);
    await ui.tab("Unified controls").click();
    const count = await ui.controlRows().count();
    assert.ok(count >= 50, `${count} controls`);
    const stored = await ui.stored((p) => p.controls.length === count);
    assert.equal(stored.scope.organisation, "Acme Cloud Ltd");
    assert.deepEqual(stored.scope.categories, ["availability"]);
    assert.equal(stored.applicability.length, 93);
  });
});

test("edit a control, add evidence, reload and find both", async () => {
  await withProgramme(async (ui, page) => {
    await ui.startFromLibrary("Acme Cloud Ltd");
    await ui.open("/controls/UC-001");
    await ui.setField("Owner", "Head of Security");
    await page.getByLabel("Status").selectOption("operating");
    await ui.stored((p) => p.controls[0].owner === "Head of Security" && p.controls[0].status === "operating");

    await ui.open("/evidence");
    await page.getByRole("button", { name: "Add an evidence item" }).click();
    await page.locator("#evidence-title").waitFor();
    const id = (await page.locator("#evidence-title").innerText()).split(" ")[0];
    await ui.setField("Title", "Signed security policy 2027");
    await ui.setField("Collected on (dates, YYYY-MM-DD, comma-separated)", "2027-01-15, 2027-02-01");
    await page.getByLabel(/^UC-001 /).check();
    await ui.stored((p) => p.evidence.some((e) => e.id === id && e.controls.includes("UC-001") && e.collected.length === 2));

    await page.reload();
    await ui.open("/evidence");
    assert.match(await page.locator("table.records").innerText(), new RegExp(`${id}\\s+Signed security policy 2027`));
    await ui.open("/controls/UC-001");
    assert.equal(await ui.field("Owner").inputValue(), "Head of Security");
    assert.match(await page.locator(".evidence-of-control").innerText(), /Signed security policy 2027/);
  });
});

test("a bad reference is refused with a message and nothing is saved", async () => {
  await withProgramme(async (ui, page) => {
    await ui.startFromLibrary("Acme Cloud Ltd");
    await ui.open("/controls/UC-002");
    const before = await ui.field("ISO/IEC 27001 items it satisfies").inputValue();
    await ui.setField("ISO/IEC 27001 items it satisfies", "A.5.1, A.9.9");
    assert.match(await page.locator(".field-error").innerText(), /not ISO\/IEC 27001:2022 items: A\.9\.9/);
    const stored = await ui.stored();
    assert.equal(stored.controls[1].iso.join(", "), before);
  });
});

test("export then re-import gives back the same programme", async () => {
  await withProgramme(async (ui, page) => {
    await ui.openSample();
    const exported = await ui.download("Whole programme (JSON)");
    assert.equal(exported.name, "crosswalk-programme.json");
    const csv = await ui.download("Unified controls (CSV)");
    assert.match(csv.text, /^id,name,description,owner,status,iso_refs,tsc_refs,residuals_handled\n/);

    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "Remove programme from this browser" }).click();
    await page.getByRole("button", { name: "Open the sample programme" }).waitFor();
    const message = await ui.importFile("crosswalk-programme.json", exported.text);
    assert.match(message, /^Imported crosswalk-programme\.json: \d+ unified controls/);
    const again = await ui.download("Whole programme (JSON)");
    assert.equal(again.text, exported.text);
  });
});

test("each register and the whole programme download as workbooks openpyxl reads as the CSVs", async () => {
  await app.withPage(ReportsPage, async (ui) => {
    await ui.openSample();
    const dir = mkdtempSync(join(tmpdir(), "crosswalk-programme-xlsx-"));
    const registers = [];
    for (const [button, file] of [
      ["Unified controls", "crosswalk-unified-controls"],
      ["Evidence register", "crosswalk-evidence-register"],
      ["Applicability", "crosswalk-applicability"],
      ["Coverage", "crosswalk-coverage"],
    ]) {
      const csv = await ui.saveDownload(`${button} (CSV)`, dir);
      const workbook = await ui.saveDownload(`${button} (XLSX)`, dir);
      assert.equal(workbook.name, `${file}.xlsx`);
      assertOpenpyxlReads(workbook.path, [csv.path]);
      registers.push(csv.path);
    }
    const whole = await ui.saveDownload("Whole programme workbook (XLSX)", dir);
    assert.equal(whole.name, "crosswalk-programme.xlsx");

    // A sheet per report, in the order of the reports view, then the registers.
    const reports = [];
    for (const id of ["soa", "clauses", "soc2-matrix", "system-description", "assertion", "evidence-requests-iso", "evidence-requests-soc2", "plan", "which-first"]) {
      await ui.openReport(id);
      reports.push((await ui.saveDownload("Export CSV", dir)).path);
    }
    assertOpenpyxlReads(whole.path, [...reports, ...registers]);
    rmSync(dir, { recursive: true });
  });
});

test("a bad import file gives a precise message and loses nothing", async () => {
  await withProgramme(async (ui) => {
    await ui.openSample();
    const before = await ui.stored();
    for (const [contents, expected] of [
      ["{\"schema_version\": 1, \"scope\": ", /not valid JSON/],
      ["{\"schema_version\": 9}", /schema_version: 9 is newer than this Crosswalk reads/],
      [JSON.stringify({ ...before, controls: [{ ...before.controls[0], status: "done" }] }), /controls\[0\]\.status: unknown variant `done`/],
      [JSON.stringify({ ...before, evidence: [{ ...before.evidence[0], controls: ["UC-999"] }] }), /UC-999 does not exist/],
      [Buffer.from([0xff, 0xfe, 0x00]), /not UTF-8/],
    ]) {
      const message = await ui.importFile("bad.json", contents);
      assert.match(message, /was not imported; your programme is unchanged/);
      assert.match(message, expected);
    }
    assert.deepEqual(await ui.stored(), before);
  });
});

test("corrupt stored data is kept under a backup key, reported, and exportable", async () => {
  await withProgramme(async (ui, page) => {
    await page.goto(`${app.origin()}/`);
    await page.evaluate((key) => localStorage.setItem(key, "{\"schema_version\": 1, \"scope\": tru"), STORAGE_KEY);
    await page.reload();
    await ui.open();
    assert.match(await ui.banner().innerText(), /could not be read.*kept unchanged under a backup key/s);
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), BACKUP_KEY), "{\"schema_version\": 1, \"scope\": tru");
    const rescued = await ui.download("Export the unreadable data");
    assert.equal(rescued.text, "{\"schema_version\": 1, \"scope\": tru");
  });
});

test("a save after one edit rewrites one stored part, not the whole programme", async () => {
  await withProgramme(async (ui, page) => {
    await ui.openSample();
    await ui.stored();
    const before = await storedEntries(page);
    await ui.open("/controls/UC-002");
    await ui.setField("Owner", "One part changes");
    await ui.stored((p) => p.controls[1].owner === "One part changes");
    const after = await storedEntries(page);
    const added = Object.keys(after).filter((key) => !(key in before));
    const removed = Object.keys(before).filter((key) => !(key in after));
    assert.equal(added.length, 1, `added ${added}`);
    assert.equal(removed.length, 1, `removed ${removed}`);
    assert.ok(added[0].startsWith(`${STORAGE_KEY}.part.`));
    const unchanged = Object.keys(after).filter((key) => key.includes(".part.") && before[key] === after[key]);
    assert.equal(unchanged.length, Object.keys(after).length - 2, "every other part is untouched");
  });
});

test("a damaged stored part is reported and everything stored is kept for export", async () => {
  await withProgramme(async (ui, page) => {
    await ui.openSample();
    await ui.stored();
    const entries = await storedEntries(page);
    const head = JSON.parse(entries[STORAGE_KEY]);
    const victim = head.evidence[0];
    await page.evaluate((key) => localStorage.setItem(key, "damaged!"), victim);
    await page.reload();
    await ui.open();
    assert.match(await ui.banner().innerText(), new RegExp(`could not be read: the stored programme is damaged: part ${victim.replaceAll(".", "\\.")} is not base64`));
    const bundle = JSON.parse(await page.evaluate((key) => localStorage.getItem(key), BACKUP_KEY));
    assert.equal(bundle[STORAGE_KEY], entries[STORAGE_KEY]);
    assert.equal(bundle[victim], "damaged!");
    assert.equal(bundle[head.controls[0]], entries[head.controls[0]]);
    const rescued = await ui.download("Export the unreadable data");
    assert.deepEqual(JSON.parse(rescued.text), bundle);
  });
});

test("a full storage quota is reported and the edits stay in memory", async () => {
  await withProgramme(async (ui, page, { errors }) => {
    await ui.startFromLibrary("Acme Cloud Ltd");
    await ui.stored();
    await page.evaluate(() => {
      Storage.prototype.setItem = function () {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      };
    });
    await ui.open("/controls/UC-001");
    await ui.setField("Owner", "Still here");
    await ui.banner().waitFor();
    assert.match(await ui.banner().innerText(), /storage is full/);
    const stored = await ui.stored();
    assert.notEqual(stored.controls[0].owner, "Still here", "the stored copy is the previous version, intact");
    const entries = await storedEntries(page);
    const named = new Set(Object.values(JSON.parse(entries[STORAGE_KEY])).flat());
    const orphans = Object.keys(entries).filter((key) => key.includes(".part.") && !named.has(key));
    assert.deepEqual(orphans, [], "no half-written parts are left behind");
    await ui.open("/controls");
    assert.match(await page.locator("table.records").innerText(), /Still here/);
    const saved = await ui.download("Export programme (JSON)");
    assert.equal(JSON.parse(saved.text).controls[0].owner, "Still here");
    errors.length = 0;
  });
});

test("a change in one tab is seen in the other, and a clash is never silent", async () => {
  await withProgramme(async (ui, page) => {
    await ui.startFromLibrary("Acme Cloud Ltd");
    await ui.stored();
    const other = await page.context().newPage();
    const second = new ProgrammePage(other, app.origin());
    await second.open("/controls");

    await ui.open("/controls/UC-001");
    await ui.setField("Owner", "Changed in tab one");
    await ui.stored((p) => p.controls[0].owner === "Changed in tab one");
    await other.locator(".banner").waitFor();
    assert.match(await second.banner().innerText(), /Updated with the changes saved in another tab/);
    assert.match(await other.locator("table.records").innerText(), /Changed in tab one/);

    await second.open("/controls/UC-002");
    // Hold tab two's autosave so its edit is certainly unsaved when tab one writes.
    await other.evaluate(() => {
      window.setTimeout = () => 0;
    });
    await second.field("Owner").fill("Tab two edit");
    await second.field("Owner").press("Tab");
    // Another writer stores a whole document under the head key, as an older release did.
    const clash = await ui.stored();
    clash.controls[2].owner = "Tab one clash";
    await page.evaluate(([key, text]) => localStorage.setItem(key, text), [STORAGE_KEY, JSON.stringify(clash)]);
    await other.locator(".banner.warn").waitFor();
    assert.match(await second.banner().innerText(), /Another tab saved a different version/);
    await other.close();
  });
});

test("the sample programme opens in one click with its coverage", async () => {
  await withProgramme(async (ui, page) => {
    await ui.openSample();
    assert.match(await page.locator(".overview h3").first().innerText(), /Northwind Analytics/);
    assert.match(await ui.charts().first().innerText(), /\d+ covered, \d+ partial, \d+ missing/);
    assert.match(await page.locator(".shared").innerText(), /count for both frameworks/);
    await ui.tab("Coverage").click();
    await page.locator("table.coverage").first().waitFor();
    assert.ok((await page.locator("table.coverage tbody tr").count()) > 100);
  });
});

test("the programme survives a browser restart", async () => {
  const profile = mkdtempSync(join(tmpdir(), "crosswalk-profile-"));
  try {
    let context = await launchPersistent(profile);
    let ui = new ProgrammePage(await context.newPage(), app.origin());
    await ui.startFromLibrary("Restart Ltd");
    await ui.stored((p) => p.scope.organisation === "Restart Ltd");
    await context.close();

    context = await launchPersistent(profile);
    ui = new ProgrammePage(await context.newPage(), app.origin());
    await ui.open();
    assert.match(await ui.page.locator(".overview h3").first().innerText(), /Restart Ltd/);
    await context.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});

test("a stored programme from an older schema version opens, migrated, with nothing lost", async () => {
  await withProgramme(async (ui, page) => {
    const v1 = readFileSync("tests/fixtures/programme-v1.json", "utf8");
    await page.goto(`${app.origin()}/`);
    await page.evaluate(([key, text]) => localStorage.setItem(key, text), [STORAGE_KEY, v1]);
    await page.reload();
    await ui.open();
    await ui.charts().first().waitFor();
    assert.equal(await ui.banner().count(), 0, "no unreadable-data banner");
    await ui.open("/controls");
    assert.equal(await ui.controlRows().count(), JSON.parse(v1).controls.length);
    await ui.open("/controls/UC-001");
    await ui.setField("Owner", "After migration");
    const saved = await ui.stored((p) => p.controls[0].owner === "After migration");
    assert.equal(saved.schema_version, 5);
    assert.deepEqual(saved.cuecs, []);
  });
});

test("the programme workspace is usable from the keyboard alone", async () => {
  await withProgramme(async (ui, page) => {
    await ui.open();
    const sample = page.getByRole("button", { name: "Open the sample programme" });
    await sample.focus();
    await page.keyboard.press("Enter");
    await ui.charts().first().waitFor();
    const tab = ui.tab("Unified controls");
    await tab.focus();
    const outline = await tab.evaluate((el) => getComputedStyle(el).outlineStyle);
    assert.notEqual(outline, "none", "focus is visible");
    await page.keyboard.press("Enter");
    await page.locator("table.records").waitFor();
    await page.getByRole("link", { name: "UC-001" }).focus();
    await page.keyboard.press("Enter");
    await ui.field("Owner").waitFor();
    await ui.field("Owner").focus();
    await page.keyboard.press("Control+a");
    await page.keyboard.type("Keyboard owner");
    await page.keyboard.press("Tab");
    await ui.stored((p) => p.controls[0].owner === "Keyboard owner");
  });
});

test("merging and deleting unified controls from the editor", async () => {
  await withProgramme(async (ui, page) => {
    await ui.startFromLibrary("Merge Ltd");
    const before = await ui.stored();
    await ui.open("/controls/UC-001");
    await ui.setField("Merge another control into this one (its id, e.g. UC-014)", "UC-999");
    assert.match(await page.locator(".field-error").innerText(), /UC-999 is not a unified control of this programme/);
    await ui.setField("Merge another control into this one (its id, e.g. UC-014)", "UC-001");
    assert.match(await page.locator(".field-error").innerText(), /UC-001 cannot be merged into itself/);
    await ui.setField("Merge another control into this one (its id, e.g. UC-014)", "UC-002");
    const merged = await ui.stored((p) => !p.controls.some((c) => c.id === "UC-002"));
    const kept = merged.controls.find((c) => c.id === "UC-001");
    for (const ref of before.controls[1].iso) assert.ok(kept.iso.includes(ref), ref);
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "Delete this control" }).click();
    const after = await ui.stored((p) => !p.controls.some((c) => c.id === "UC-001"));
    assert.ok(after.evidence.every((e) => !e.controls.includes("UC-001")));
    assert.equal(after.next_control, before.next_control, "ids are not reused");
  });
});

test("a refused edit is explained where it was made and changes nothing", async () => {
  await withProgramme(async (ui, page) => {
    await ui.openSample();
    const before = await ui.stored();
    const item = before.evidence.find((e) => e.period);
    await ui.open(`/evidence/${item.id}`);
    await ui.setField("Covers the period from", "2030-01-01");
    assert.match(await page.locator(".field-error").innerText(), /the period ends on .*, before it starts on 2030-01-01/);
    await ui.setField("Title", " ");
    assert.match(await page.locator(".field-error").innerText(), /the title cannot be empty/);
    await page.waitForTimeout(500); // past the autosave delay: nothing may have been written
    const after = await ui.stored();
    assert.deepEqual(after.evidence.find((e) => e.id === item.id), item);

    await ui.open("/scope");
    await page.getByLabel("Period end").fill("2027-01-15");
    await page.getByLabel("Period end").press("Tab");
    assert.match(await page.locator(".field-error").innerText(), /a Type 2 observation period runs 3 to 12 months/);
    assert.deepEqual((await ui.stored()).scope.report, before.scope.report);
  });
});

test("a deleted CUEC's id is never given to a new one", async () => {
  await withProgramme(async (ui, page) => {
    await ui.openSample();
    await ui.open("/registers");
    const last = (await ui.stored()).cuecs.at(-1).id;
    await page.getByRole("button", { name: `Remove ${last}` }).click();
    await ui.stored((p) => !p.cuecs.some((c) => c.id === last));
    await page.getByRole("button", { name: "Add a CUEC" }).click();
    const after = await ui.stored((p) => p.cuecs.length === 4 && p.cuecs.at(-1).id !== last);
    assert.notEqual(after.cuecs.at(-1).id, last);
    assert.equal(after.next_cuec, Number(last.slice(5)) + 2);
  });
});

test("each SoA decision takes its kinds of reason and the risk it treats, and the SoA shows them", async () => {
  await withProgramme(async (ui, page) => {
    await ui.startFromLibrary("Reasons Ltd");
    await ui.open("/applicability");
    const risk = page.getByLabel("Risk treated by A.5.2", { exact: true });
    assert.equal(await risk.isDisabled(), true, "no risk to name before risk treatment is a reason");
    await page.getByLabel("Contractual (A.5.2)", { exact: true }).check();
    await page.getByLabel("Risk treatment (A.5.2)", { exact: true }).check();
    await risk.fill("R-12");
    await risk.press("Tab");
    const saved = await ui.stored((p) => p.applicability.find((a) => a.control === "A.5.2").risk_reference === "R-12");
    assert.deepEqual(saved.applicability.find((a) => a.control === "A.5.2").reasons, ["contractual", "risk-treatment"]);
    assert.ok(saved.applicability.filter((a) => a.control !== "A.5.2").every((a) => a.reasons.length === 0), "no reason is invented");

    await page.getByLabel("Risk treatment (A.5.2)", { exact: true }).uncheck();
    await ui.stored((p) => p.applicability.find((a) => a.control === "A.5.2").risk_reference === null);

    await page.goto(`${ui.origin}/#/reports/soa`);
    const row = page.locator("table.report tbody tr").filter({ has: page.locator("td:first-child", { hasText: /^A\.5\.2$/ }) });
    await row.first().waitFor();
    assert.match(await row.first().innerText(), /contractual/);
  });
});

test("a file git merged with conflicts lists them on import, and each is settled by keeping ours or taking theirs", async () => {
  const sample = JSON.parse(readFileSync("data/sample_programme.json", "utf8"));
  const dir = mkdtempSync(join(tmpdir(), "crosswalk-merge-"));
  const version = (name, edit) => {
    const programme = structuredClone(sample);
    edit(programme);
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(programme, null, 2));
    return path;
  };
  const base = version("base.json", () => {});
  const ours = version("ours.json", (p) => {
    p.controls[0].owner = "Deputy CISO";
    p.controls[1].owner = "COO";
  });
  const theirs = version("theirs.json", (p) => {
    p.controls[0].owner = "CTO";
    p.controls[1].owner = "CFO";
  });
  const merged = spawnSync("target/debug/crosswalk", ["merge", base, ours, theirs], { encoding: "utf8" });
  assert.equal(merged.status, 1, merged.stderr);
  assert.match(merged.stderr, /conflict: controls UC-001 owner: ours "Deputy CISO" \(kept\), theirs "CTO"/);
  await withProgramme(async (ui, page) => {
    await ui.open();
    const message = await ui.importFile("merged.json", readFileSync(ours));
    assert.match(message, /2 merge conflict\(s\) to settle/);
    await ui.open();
    await page.getByRole("heading", { name: "Merge conflicts to settle (2)" }).waitFor();
    const first = page.locator(".merge-conflict").first();
    assert.match(await first.innerText(), /controls UC-001 owner\s+Ours \(kept\): "Deputy CISO"\s+Theirs: "CTO"/);
    await first.getByRole("button", { name: "Take theirs" }).click();
    await page.getByRole("heading", { name: "Merge conflicts to settle (1)" }).waitFor();
    await page.locator(".merge-conflict").first().getByRole("button", { name: "Keep ours" }).click();
    await page.locator(".merge-conflicts").waitFor({ state: "detached" });
    const stored = await ui.stored((p) => !p.merge_conflicts);
    assert.deepEqual([stored.controls[0].owner, stored.controls[1].owner], ["CTO", "COO"]);
  });
  rmSync(dir, { recursive: true, force: true });
});
