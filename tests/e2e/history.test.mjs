// The programme through time, driven as a compliance lead would: snapshots taken, opened
// read-only, downloaded and deleted; two versions compared; the next audit period started;
// what is due listed on the overview; the plan's timeline marked with months and today.
import { test } from "node:test";
import assert from "node:assert/strict";

import { useApp } from "./support/harness.mjs";
import { ProgrammePage } from "./pages/programme.mjs";

const app = useApp();
const withProgramme = (body) => app.withPage(ProgrammePage, body);

test("a snapshot freezes the programme: open it read-only, compare it with now, download it, delete it", async () => {
  await withProgramme(async (ui, page) => {
    await ui.openSample();
    await ui.tab("Snapshots and compare").click();
    await page.getByLabel("Snapshot name").fill("ISO stage 2");
    await page.getByRole("button", { name: "Take snapshot" }).click();
    const row = page.locator(".snapshots tbody tr", { hasText: "ISO stage 2" });
    await row.waitFor();
    const stored = await ui.stored((p) => p.snapshots?.length === 1);
    assert.equal(stored.snapshots[0].name, "ISO stage 2");
    assert.equal(stored.snapshots[0].programme.controls.length, stored.controls.length);

    await page.getByLabel("Snapshot name").fill("iso STAGE 2");
    await page.getByRole("button", { name: "Take snapshot" }).click();
    assert.match(await page.locator(".field-error").first().innerText(), /a snapshot named "iso STAGE 2" already exists/);

    await ui.open("/controls/UC-001");
    await ui.setField("Owner", "Chief of Staff");
    await ui.tab("Snapshots and compare").click();
    const summary = page.locator(".compare-summary");
    await summary.filter({ hasText: "0 added, 0 removed, 1 changed." }).waitFor();
    const change = page.locator(".compare table tbody tr", { hasText: "UC-001" });
    assert.match(await change.innerText(), /controls\s+UC-001\s+changed\s+owner\s+.*\s+Chief of Staff/);

    await row.getByRole("button", { name: "Open read-only" }).click();
    const frozen = page.locator(".snapshot-view");
    await frozen.getByRole("heading", { name: /Snapshot "ISO stage 2", taken \d{4}-\d\d-\d\d \(read-only\)/ }).waitFor();
    assert.doesNotMatch(await frozen.locator("tr", { hasText: "UC-001" }).innerText(), /Chief of Staff/);
    assert.equal(await frozen.locator("input, textarea").count(), 0, "nothing in a snapshot is editable");

    const download = await ui.download("Download JSON");
    assert.equal(download.name, "crosswalk-snapshot-iso-stage-2.json");
    const snapshot = JSON.parse(download.text);
    assert.equal(snapshot.controls[0].owner, stored.controls[0].owner);

    page.once("dialog", (dialog) => dialog.accept());
    await row.getByRole("button", { name: "Delete" }).click();
    await row.waitFor({ state: "detached" });
    await ui.stored((p) => !p.snapshots);
  });
});

test("a programme file can be compared with now, and a bad file is refused with a message", async () => {
  await withProgramme(async (ui, page) => {
    await ui.openSample();
    const exported = await ui.download("Whole programme (JSON)");
    await ui.open("/controls/UC-002");
    await ui.setField("Owner", "Platform lead");
    await ui.tab("Snapshots and compare").click();
    await page.getByLabel("Or compare with a programme file").setInputFiles({
      name: "before.json", mimeType: "application/json", buffer: Buffer.from(exported.text),
    });
    await page.locator(".compare-summary", { hasText: "0 added, 0 removed, 1 changed." }).waitFor();
    assert.match(await page.locator(".compare select").first().inputValue(), /^file:before\.json$/);
    await page.getByLabel("Or compare with a programme file").setInputFiles({
      name: "broken.json", mimeType: "application/json", buffer: Buffer.from("{\"schema_version\": 5"),
    });
    assert.match(await page.locator(".compare .field-error").innerText(), /broken\.json cannot be compared: the file is not valid JSON/);
  });
});

test("starting the next audit period keeps the one ending as a snapshot and moves the report dates", async () => {
  await withProgramme(async (ui, page) => {
    await ui.openSample();
    const before = await ui.stored();
    await ui.tab("Snapshots and compare").click();
    const form = page.locator(".next-period");
    await form.getByLabel("Period start (YYYY-MM-DD)").fill("2027-07-01");
    await form.getByLabel("Period end (YYYY-MM-DD)").fill("2027-12-31");
    page.once("dialog", (dialog) => dialog.accept());
    await form.getByRole("button", { name: "Start the next period" }).click();
    const done = form.locator(".import-ok");
    await done.waitFor();
    assert.match(await done.innerText(), /kept as the snapshot "SOC 2 period 2027-01-01 to 2027-06-30"\. New report dates set; \d+ evidence item\(s\) collected for it no longer count/);
    const after = await ui.stored((p) => p.snapshots?.length === 1);
    assert.deepEqual(after.scope.report.period, { start: "2027-07-01", end: "2027-12-31" });
    assert.deepEqual(after.evidence, before.evidence, "evidence is kept");
    assert.deepEqual(after.snapshots[0].programme.scope.report, before.scope.report);

    await form.getByLabel("Period start (YYYY-MM-DD)").fill("2028-01-01");
    await form.getByLabel("Period end (YYYY-MM-DD)").fill("2028-01-20");
    await form.getByRole("button", { name: "Start the next period" }).click();
    assert.match(await form.locator(".field-error").innerText(), /a Type 2 observation period runs 3 to 12 months/);
  });
});

test("the overview lists what is due with dates and links, and the plan's timeline marks months and today", async () => {
  await withProgramme(async (ui, page) => {
    await ui.openSample();
    const due = page.locator(".what-is-due");
    await due.getByRole("heading", { name: /^What's due \(as of \d{4}-\d\d-\d\d\)$/ }).waitFor();
    const headings = await due.locator("h4").allInnerTexts();
    assert.ok(headings.some((h) => /^Controls not yet operating \(\d+\)$/.test(h)), headings.join(" | "));
    for (const list of await due.locator("ul").all()) {
      const dates = (await list.locator("li").allInnerTexts()).map((t) => t.slice(0, 10));
      assert.ok(dates.every((d) => /^\d{4}-\d\d-\d\d$/.test(d)), dates.join(","));
      assert.deepEqual([...dates].sort(), dates, "each kind is listed by date");
    }
    const control = due.locator("ul.due-control-not-operating li").first().getByRole("link");
    const id = (await control.innerText()).slice(0, 6);
    assert.match(id, /^UC-\d{3}$/);
    await control.click();
    await page.waitForURL(new RegExp(`#/programme/controls/${id}$`));

    await page.goto(`${app.origin()}/#/reports/plan`);
    const timeline = page.locator("figure.timeline");
    await timeline.waitFor();
    const caption = await timeline.locator("figcaption").innerText();
    const [, first, last] = caption.match(/Timeline from (\S+) to (\S+):/);
    assert.ok((await timeline.locator(".month-tick").count()) >= 3, "a tick per month");
    assert.match(await timeline.locator(".month-tick text").first().textContent(), /^[A-Z][a-z]{2} \d{4}$/);
    const today = new Date().toISOString().slice(0, 10);
    const shown = today >= first && today <= last;
    assert.equal(await timeline.locator(".today").count(), shown ? 1 : 0);
  });
});

test("merging a file that shares no snapshot takes only the differences ticked, after confirming, and can be undone", async () => {
  await withProgramme(async (ui, page) => {
    await ui.openSample();
    const exported = JSON.parse((await ui.download("Whole programme (JSON)")).text);
    await ui.open("/controls/UC-001");
    await ui.setField("Owner", "Deputy CISO");
    const file = structuredClone(exported);
    file.controls[0].owner = "CTO";
    file.controls[1].owner = "CFO";
    await ui.tab("Snapshots and compare").click();
    const card = page.locator(".merge-file");
    await card.getByLabel("Programme file to merge").setInputFiles({
      name: "colleague.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(file)),
    });
    await card.getByText("colleague.json shares no snapshot with this programme").waitFor();
    const choices = card.locator(".merge-choices li");
    assert.equal(await choices.count(), 2);
    assert.match(await card.locator(".merge-preview").innerText(), /If confirmed: 0 added, 0 removed, 0 changed/);
    await card.getByLabel(/Take theirs: Unified controls UC-002 \(differs in owner\)/).check();
    await card.locator(".merge-preview", { hasText: "0 added, 0 removed, 1 changed" }).waitFor();
    assert.equal((await ui.stored()).controls[1].owner, exported.controls[1].owner, "nothing changes before confirming");
    await card.getByRole("button", { name: "Confirm the merge" }).click();
    assert.match(await card.locator(".import-ok").innerText(), /^Merged colleague\.json: 0 added, 0 removed, 1 changed\.$/);
    const merged = await ui.stored((p) => p.controls[1].owner === "CFO");
    assert.equal(merged.controls[0].owner, "Deputy CISO", "the unticked difference keeps ours");
    await card.getByRole("button", { name: "Undo the import or merge (restore the previous programme)" }).click();
    await ui.stored((p) => p.controls[1].owner === exported.controls[1].owner);
  });
});

test("merging a file that shares a snapshot merges three-way from it", async () => {
  await withProgramme(async (ui, page) => {
    await ui.openSample();
    await ui.tab("Snapshots and compare").click();
    await page.getByLabel("Snapshot name").fill("Shared start");
    await page.getByRole("button", { name: "Take snapshot" }).click();
    await ui.stored((p) => p.snapshots?.length === 1);
    await ui.tab("Overview").click();
    const exported = JSON.parse((await ui.download("Whole programme (JSON)")).text);
    const file = structuredClone(exported);
    file.evidence[0].location = "SharePoint > Evidence";
    file.controls[2].owner = "Colleague's owner";
    await ui.open("/controls/UC-001");
    await ui.setField("Owner", "Deputy CISO");
    await ui.tab("Snapshots and compare").click();
    const card = page.locator(".merge-file");
    await card.getByLabel("Programme file to merge").setInputFiles({
      name: "colleague.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(file)),
    });
    await card.getByText('Three-way merge of colleague.json from the snapshot "Shared start" both files hold.').waitFor();
    assert.match(await card.locator(".merge-preview").innerText(), /If confirmed: 0 added, 0 removed, 2 changed; 0 conflict\(s\) to settle\./);
    await card.getByRole("button", { name: "Confirm the merge" }).click();
    const merged = await ui.stored((p) => p.evidence[0].location === "SharePoint > Evidence");
    assert.equal(merged.controls[0].owner, "Deputy CISO");
    assert.equal(merged.controls[2].owner, "Colleague's owner");
  });
});

test("which first: both orders side by side, and the recommendation and timelines follow the inputs", async () => {
  await withProgramme(async (ui, page) => {
    await ui.openSample();
    await page.goto(`${app.origin()}/#/reports/which-first`);
    const heading = page.locator("#recommendation-title");
    await heading.filter({ hasText: "Recommended: both together" }).waitFor();
    assert.equal(await page.locator("figure.timeline").count(), 3, "one timeline per order");
    const captions = await page.locator("figure.timeline figcaption").allInnerTexts();
    const axes = captions.map((c) => c.match(/Timeline from (\S+) to (\S+):/).slice(1).join(" "));
    assert.equal(new Set(axes).size, 1, "the three timelines share one axis");
    assert.equal(await page.locator("table.report tbody tr").count(), 3);

    await page.getByLabel("Buyers").selectOption("us");
    await heading.filter({ hasText: "Recommended: SOC 2 first" }).waitFor();
    assert.match(await page.locator(".recommendation .reasons").innerText(), /mostly in the US/);

    const isoRow = page.locator("table.report tbody tr", { hasText: "ISO/IEC 27001 first" });
    const certificate = (await isoRow.locator("td").nth(2).innerText()).trim();
    await page.getByLabel("Customer deadline for").selectOption("iso");
    await page.getByLabel("by (optional)").fill(certificate);
    await page.getByLabel("by (optional)").dispatchEvent("change");
    await heading.filter({ hasText: "Recommended: ISO/IEC 27001 first" }).waitFor();
    const reasons = await page.locator(".recommendation .reasons").innerText();
    assert.match(reasons, new RegExp(`Customers need an ISO/IEC 27001 certificate by ${certificate}`));
    assert.match(reasons, /SOC 2 first delivers it on \d{4}-\d\d-\d\d/);
    assert.match(await page.locator(".recommendation .alternatives").innerText(), /SOC 2 first instead: the ISO\/IEC 27001 certificate \d+ weeks later/);

    const before = await page.locator("figure.timeline figcaption").first().innerText();
    await page.getByLabel("Start").fill("2027-03-01");
    await page.getByLabel("Start").dispatchEvent("change");
    await page.locator("figure.timeline figcaption").first().filter({ hasText: "Timeline from 2027-03-01" }).waitFor();
    assert.notEqual(await page.locator("figure.timeline figcaption").first().innerText(), before, "the timelines move with the start");

    const csv = await ui.download("Export CSV");
    assert.equal(csv.name, "crosswalk-which-first.csv");
    assert.match(csv.text, /^order,recommended,iso_certificate,soc2_report,shared_controls_before_first_audit,second_framework,delta_controls,delta_evidence,delta_requirements,delta_artefacts,delta_items,why\n/);
  });
});
