// The embeddable explorer on a host page of another origin, under the CSP the README gives: it
// renders inside its element, styles nothing else of the page, keeps navigation inside the
// element without touching the host's address, offers the full app at the same view, and
// stores nothing, registers no service worker, and fetches nothing but Crosswalk's own files.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { serveDist } from "./support/server.mjs";
import { launchBrowser } from "./support/browser.mjs";

let crosswalk;
let host;
let browser;

before(async () => {
  crosswalk = await serveDist(undefined, { cors: true });
  const site = mkdtempSync(join(tmpdir(), "crosswalk-host-"));
  const page = readFileSync(new URL("./fixtures/embed-host.html", import.meta.url), "utf8").replaceAll("__CROSSWALK__", crosswalk.origin);
  writeFileSync(join(site, "index.html"), page);
  copyFileSync(new URL("./fixtures/host.css", import.meta.url), join(site, "host.css"));
  host = await serveDist(site);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await host?.close();
  await crosswalk?.close();
});

/** The host page with its requests, errors and CSP violations recorded. */
async function hostPage() {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(10000);
  const requests = [];
  const errors = [];
  context.on("request", (request) => requests.push(request));
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  await page.goto(`${host.origin}/`);
  const embed = page.locator(".crosswalk-embed");
  await embed.locator("li.explorer-row").first().waitFor();
  return { context, page, embed, requests, errors };
}

test("the explorer renders inside the host's element, and the host keeps its own look", async () => {
  const { context, page, embed, errors } = await hostPage();
  try {
    assert.match(await embed.getByRole("heading", { level: 2 }).innerText(), /ISO\/IEC 27001 to Trust Services Criteria/);
    assert.equal(await page.locator("#host-header h1").innerText(), "Example Docs");
    const look = await page.evaluate(() => ({
      h1: getComputedStyle(document.querySelector("#host-header h1")).color,
      body: getComputedStyle(document.body).backgroundColor,
      link: getComputedStyle(document.querySelector("#host-footer a")).color,
      margin: getComputedStyle(document.body).margin,
    }));
    assert.deepEqual(look, { h1: "rgb(120, 0, 0)", body: "rgb(250, 240, 230)", link: "rgb(0, 128, 0)", margin: "8px" }, "the host page is not restyled");
    const embedded = await embed.evaluate((element) => getComputedStyle(element.querySelector("li.explorer-row")).listStyleType);
    assert.equal(embedded, "none", "the embed's own stylesheet applies inside it");
    assert.equal(await embed.getByRole("link", { name: "Programme", exact: true }).count(), 0, "no workspace in the embed");
    assert.equal(await embed.getByRole("button", { name: /OSCAL/ }).count(), 0, "the OSCAL download is the full app's");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("navigation stays inside the element and the full app opens at the same view", async () => {
  const { context, page, embed, errors } = await hostPage();
  try {
    const address = page.url();
    await embed.getByRole("link", { name: "Trust Services Criteria" }).click();
    await embed.getByRole("link", { name: /CC6\.1/ }).first().click();
    await embed.locator(".crosswalk-panel").waitFor();
    assert.match(await embed.getByRole("heading", { level: 2 }).first().innerText(), /CC6\.1/);
    assert.equal(page.url(), address, "the host's address is unchanged");
    // The long texts come from Crosswalk's origin, not the host's.
    await embed.locator(".crosswalk-panel .rationale").first().waitFor();
    assert.match(await embed.locator(".crosswalk-panel .rationale").first().innerText(), /^Why: .{20,}/);

    const open = embed.getByRole("link", { name: "Open this page in Crosswalk" });
    assert.equal(await open.getAttribute("href"), `${crosswalk.origin}/#/tsc/CC6.1`);
    assert.equal(await open.getAttribute("target"), "_blank");
    const [app] = await Promise.all([context.waitForEvent("page"), open.click()]);
    await app.locator(".crosswalk-panel").waitFor();
    assert.match(await app.getByRole("heading", { level: 2 }).first().innerText(), /CC6\.1/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("the embed stores nothing, registers no worker and fetches only Crosswalk's files", async () => {
  const { context, page, embed, requests, errors } = await hostPage();
  try {
    await embed.getByRole("link", { name: "Matrix" }).click();
    await embed.locator("table.matrix").waitFor();
    await embed.getByRole("link", { name: "Unique register" }).click();
    await embed.getByRole("heading", { level: 2 }).first().waitFor();
    const state = await page.evaluate(async () => ({
      local: Object.keys(localStorage).length,
      session: Object.keys(sessionStorage).length,
      workers: (await navigator.serviceWorker.getRegistrations()).length,
    }));
    assert.deepEqual(state, { local: 0, session: 0, workers: 0 });
    for (const request of requests) {
      const url = new URL(request.url());
      assert.ok([host.origin, crosswalk.origin].includes(url.origin), `request to ${url}`);
      assert.equal(request.method(), "GET", `${request.method()} ${url}`);
      assert.equal(url.search, "", `query string on ${url}`);
    }
    const fromCrosswalk = requests.map((r) => new URL(r.url())).filter((u) => u.origin === crosswalk.origin).map((u) => u.pathname);
    assert.ok(fromCrosswalk.some((p) => /^\/crosswalk-embed-[0-9a-f]+_bg\.wasm$/.test(p)), fromCrosswalk.join(", "));
    assert.ok(!fromCrosswalk.some((p) => /^\/crosswalk-(app|explorer)-/.test(p)), "neither the full app nor the page's explorer is fetched");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
