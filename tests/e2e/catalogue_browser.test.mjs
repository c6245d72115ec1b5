// The catalogue browser, driven as a compliance lead would: pick a catalogue, search, filter
// with chips, open an item and read every field.
import { test } from "node:test";
import assert from "node:assert/strict";

import { useApp } from "./support/harness.mjs";
import { CatalogueBrowser } from "./pages/catalogue_browser.mjs";

const app = useApp();
const withBrowser = (body) => app.withPage(CatalogueBrowser, body);

test("each catalogue lists all its items, grouped by theme, clause or series", async () => {
  await withBrowser(async (ui) => {
    for (const [id, count, groups, first] of [
      ["annex-a", 93, 4, "A.5.1"],
      ["clauses", 30, 7, "4.1"],
      ["tsc", 61, 20, "CC1.1"],
      ["dc", 9, 1, "DC1"],
    ]) {
      await ui.open(id);
      assert.equal(await ui.status().innerText(), `${count} of ${count} shown`, id);
      assert.equal(await ui.groupHeadings().count(), groups, id);
      const refs = await ui.refs();
      assert.equal(refs.length, count, id);
      assert.equal(refs[0], first, id);
    }
  });
});

test("Annex A lists A.5.2 before A.5.10 and marks the new 2022 controls", async () => {
  await withBrowser(async (ui, page) => {
    await ui.open("annex-a");
    const refs = await ui.refs();
    assert.ok(refs.indexOf("A.5.2") < refs.indexOf("A.5.10"));
    assert.equal(await page.locator("ul.entries .badge", { hasText: "New in 2022" }).count(), 11);
  });
});

test("search finds an item by ref and by any word of its title or summary", async () => {
  await withBrowser(async (ui) => {
    await ui.open("annex-a");
    await ui.search().fill("A.5.15");
    assert.equal((await ui.refs())[0], "A.5.15");
    await ui.search().fill("cloud");
    assert.ok((await ui.refs()).includes("A.5.23"));
    await ui.search().fill("no-such-word-anywhere");
    assert.equal(await ui.status().innerText(), "0 of 93 shown");
    await ui.search().fill("");
    assert.equal((await ui.refs()).length, 93);

    await ui.open("tsc");
    await ui.search().fill("CC6.1");
    assert.equal((await ui.refs())[0], "CC6.1");
  });
});

test("theme, new-in-2022 and attribute chips filter Annex A and show their state without colour", async () => {
  await withBrowser(async (ui, page) => {
    await ui.open("annex-a");
    await ui.chip("People").click();
    assert.equal(await ui.chip("People").getAttribute("aria-pressed"), "true");
    assert.equal(await ui.status().innerText(), "8 of 93 shown");
    const tick = await ui.chip("People").evaluate((el) => getComputedStyle(el, "::before").content);
    assert.match(tick, /✓/);
    await ui.chip("People").click();
    await ui.chip("New in 2022").click();
    assert.equal(await ui.status().innerText(), "11 of 93 shown");
    await ui.chip("New in 2022").click();

    await page.getByText("ISO/IEC 27002 attributes").click();
    await ui.chip("Detective").click();
    const detective = await ui.refs();
    assert.ok(detective.includes("A.8.16"), "monitoring activities is detective");
    assert.ok(!detective.includes("A.5.1"), "policies are not detective");
    await ui.chip("Corrective").click();
    assert.ok((await ui.refs()).length > detective.length, "values of one attribute widen the result");
  });
});

test("category chips filter the Trust Services Criteria", async () => {
  await withBrowser(async (ui) => {
    await ui.open("tsc");
    await ui.chip("Availability").click();
    assert.deepEqual(await ui.refs(), ["A1.1", "A1.2", "A1.3"]);
    await ui.chip("Confidentiality").click();
    assert.deepEqual(await ui.refs(), ["A1.1", "A1.2", "A1.3", "C1.1", "C1.2"]);
  });
});

test("opening an item shows all its fields, and the address links to it", async () => {
  await withBrowser(async (ui, page) => {
    await ui.open("annex-a");
    await page.getByRole("link", { name: /A\.5\.23/ }).click();
    await ui.itemTitle().waitFor();
    assert.equal(new URL(page.url()).hash, "#/iso/A.5.23");
    assert.match(await ui.itemTitle().innerText(), /A\.5\.23\s+Information security for use of cloud services/);
    const fields = await ui.fields();
    assert.equal(fields["Theme"], "Organizational");
    assert.equal(fields["New in the 2022 revision"], "Yes");
    for (const attribute of ["Control type", "Information security properties", "Cybersecurity concepts", "Operational capabilities", "Security domains"]) {
      assert.ok(fields[attribute].length > 0, attribute);
    }

    await ui.openItem("iso", "6.1.3");
    assert.match((await ui.fields())["Documented information required"], /Statement of Applicability/);

    await ui.openItem("tsc", "CC2.1");
    const criterion = await ui.fields();
    assert.equal(criterion["Category"], "Security");
    assert.equal(criterion["COSO 2013 principle"], "13");
    assert.match(criterion["Series"], /CC2 Communication and Information/);
    assert.ok(criterion["Points of focus"].length > 0);

    await ui.openItem("dc", "DC7");
    assert.ok((await ui.fields())["What to disclose"].length > 0);

    await page.goBack();
    await ui.itemTitle().waitFor();
    assert.match(await ui.itemTitle().innerText(), /CC2\.1/);
  });
});

test("the navigation marks the current catalogue and a bad address explains itself", async () => {
  await withBrowser(async (ui, page) => {
    await ui.open("tsc");
    assert.equal(await ui.navLink("Trust Services Criteria").getAttribute("aria-current"), "page");
    assert.equal(await ui.navLink("ISO/IEC 27001:2022 Annex A").getAttribute("aria-current"), null);
    await page.goto(`${app.origin()}/#/iso/A.5.99`);
    await page.getByRole("heading", { name: "Nothing at this address" }).waitFor();
    assert.match(await page.locator(".not-found").innerText(), /#\/iso\/A\.5\.99/);
  });
});

test("the catalogue browser is usable from the keyboard", async () => {
  await withBrowser(async (ui, page) => {
    await ui.open("tsc");
    await ui.search().focus();
    await page.keyboard.type("PI1");
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => document.activeElement?.textContent ?? "");
    assert.match(focused, /Security/);
    await page.keyboard.press("Enter");
    assert.equal(await ui.chip("Security").getAttribute("aria-pressed"), "true");
    assert.equal(await ui.status().innerText(), "0 of 61 shown");
  });
});
