// Privacy: through a whole workflow no request leaves the page's origin and none is made after
// load; the app keeps working with the network off.
import { test } from "node:test";
import assert from "node:assert/strict";

import { useApp } from "./support/harness.mjs";
import { ProgrammePage } from "./pages/programme.mjs";

const app = useApp();

test("a full workflow makes no request after load and none beyond the origin", async () => {
  await app.withPage(ProgrammePage, async (ui, page, { requests }) => {
    await page.goto(`${app.origin()}/`);
    await page.waitForLoadState("networkidle");
    const atLoad = requests.length;
    assert.ok(atLoad > 0);
    assert.deepEqual(requests.filter((url) => new URL(url).origin !== app.origin()), []);

    // Everything below happens inside the loaded page, as a user would do it.
    await page.getByRole("link", { name: "Programme", exact: true }).click();
    await page.getByRole("button", { name: "Open the sample programme" }).click();
    await ui.charts().first().waitFor();
    await page.getByRole("link", { name: "Unified controls" }).click();
    await page.getByRole("link", { name: "UC-001" }).click();
    await ui.setField("Owner", "Privacy check");
    await page.getByRole("link", { name: "Overview" }).click();
    const json = await ui.download("Whole programme (JSON)");
    await ui.importFile("again.json", json.text);
    for (const report of ["Statement of Applicability", "SOC 2 criteria matrix", "Plan"]) {
      await page.getByRole("link", { name: "Reports" }).click();
      await page.getByRole("link", { name: report }).click();
      await page.locator("table.report").waitFor();
    }
    await page.getByRole("link", { name: "Crosswalk", exact: true }).click();
    await page.getByRole("link", { name: "Matrix" }).click();
    assert.deepEqual(requests.slice(atLoad).filter((url) => !url.startsWith("blob:")), [], "requests after load");
  });
});

test("the app works with the network off after the first load", async () => {
  await app.withPage(ProgrammePage, async (ui, page) => {
    await page.goto(`${app.origin()}/`);
    await page.waitForLoadState("networkidle");
    await page.context().setOffline(true);
    await page.getByRole("link", { name: "Programme", exact: true }).click();
    await page.getByRole("button", { name: "Open the sample programme" }).click();
    await ui.charts().first().waitFor();
    await page.getByRole("link", { name: "Reports" }).click();
    await page.locator("table.report").waitFor();
    await page.getByRole("link", { name: "Trust Services Criteria" }).click();
    await page.getByRole("link", { name: /CC6\.1/ }).first().click();
    await page.locator(".crosswalk-panel").waitFor();
    await page.context().setOffline(false);
  });
});
