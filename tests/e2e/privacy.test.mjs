// Privacy: through a whole workflow every request, the page's and its service worker's, goes to
// the page's own origin, is a GET without a body, and carries no query string beyond a
// cache-busting hash: no user data can leave the page.
import { test } from "node:test";
import assert from "node:assert/strict";

import { useApp } from "./support/harness.mjs";
import { ProgrammePage } from "./pages/programme.mjs";

const app = useApp();

/** Everything wrong with one request under the privacy rule, as readable lines. */
function breaches(request, origin) {
  const url = new URL(request.url());
  // A download is a blob: URL the page made itself, not a request over the network.
  if (url.protocol === "blob:" || url.protocol === "data:") return [];
  const found = [];
  if (url.origin !== origin) found.push("leaves the origin");
  if (request.method() !== "GET") found.push(`method ${request.method()}`);
  if (request.postDataBuffer() !== null) found.push("has a body");
  if (url.search !== "" && !/^\?(?:v=)?[0-9a-f]{8,64}$/.test(url.search)) found.push(`query ${url.search}`);
  return found.map((what) => `${request.method()} ${request.url()}${request.serviceWorker() ? " (service worker)" : ""}: ${what}`);
}

test("through a full workflow every request stays on the origin, is a bodiless GET and has no query", async () => {
  await app.withPage(ProgrammePage, async (ui, page, { records }) => {
    await page.goto(`${app.origin()}/`);
    // The service worker precaches the build: its requests are recorded too.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });

    await page.getByRole("link", { name: "Programme", exact: true }).click();
    await page.getByRole("button", { name: "Open the sample programme" }).click();
    await ui.charts().first().waitFor();
    await page.getByRole("link", { name: "Unified controls" }).click();
    await page.getByRole("link", { name: "UC-001" }).click();
    await ui.setField("Owner", "Privacy check");
    await page.getByRole("link", { name: "Overview" }).click();
    const json = await ui.download("Whole programme (JSON)");
    await ui.download("Whole programme workbook (XLSX)");
    await ui.importFile("again.json", json.text);
    for (const report of ["Statement of Applicability", "SOC 2 criteria matrix", "Plan"]) {
      await page.getByRole("link", { name: "Reports" }).click();
      await page.getByRole("link", { name: report }).click();
      await page.locator("table.report").waitFor();
    }
    await page.getByRole("link", { name: "Crosswalk", exact: true }).click();
    await page.locator("li.explorer-row").first().waitFor();
    await page.getByRole("link", { name: "Matrix", exact: true }).click();
    await page.getByRole("link", { name: "Programme", exact: true }).click();
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "Remove programme from this browser" }).click();
    await ui.startFromLibrary("Privacy Ltd");
    // A second visit: the page and its files now come from the service worker.
    await page.reload();
    await ui.charts().first().waitFor();

    const network = records.filter((request) => !/^(blob|data):/.test(request.url()));
    assert.ok(network.some((request) => request.serviceWorker()), "the service worker's requests are recorded");
    assert.ok(network.some((request) => request.url().endsWith(".wasm")), "the page's requests are recorded");
    for (const file of ["data/sample-programme.json", "data/library.json"]) {
      assert.ok(network.some((request) => request.url() === `${app.origin()}/${file}` && !request.serviceWorker()), `the page's fetch of ${file} is recorded`);
    }
    assert.deepEqual(records.flatMap((request) => breaches(request, app.origin())), [], "requests against the privacy rule");
  });
});
