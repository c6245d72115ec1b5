// Two bundles: the small explorer bundle is the first view of the crosswalk, catalogue and item
// addresses, and the full app takes over, at the same address with the same SOC 2 scope, when
// the user opens the programme workspace or the reports. A workspace address loads the full app
// alone, and a workspace that cannot be fetched says why and can be tried again.
import { test } from "node:test";
import assert from "node:assert/strict";

import { useApp } from "./support/harness.mjs";

const app = useApp();
const EXPLORER_WASM = /\/crosswalk-explorer-[0-9a-f]+_bg\.wasm$/;
const APP_WASM = /\/crosswalk-app-[0-9a-f]+_bg\.wasm$/;

/**
 * A fresh page whose own requests are recorded. Service workers are blocked: a worker would
 * precache every file (both bundles) after the first render, and routes cannot see requests it answers.
 */
async function freshPage() {
  const context = await app.browser().newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  page.setDefaultTimeout(10000);
  const wasm = [];
  const errors = [];
  page.on("request", (request) => request.url().endsWith(".wasm") && wasm.push(new URL(request.url()).pathname));
  page.on("pageerror", (error) => errors.push(error.message));
  return { context, page, wasm, errors };
}

const scopeChip = (page, name) => page.locator("fieldset.scope").getByRole("button", { name, exact: true });

test("the crosswalk opens with the explorer bundle alone", async () => {
  const { context, page, wasm, errors } = await freshPage();
  try {
    await page.goto(`${app.origin()}/#/crosswalk/iso`);
    await page.locator("li.explorer-row").first().waitFor();
    await page.getByRole("link", { name: "Trust Services Criteria" }).click();
    await page.getByRole("link", { name: /CC6\.1/ }).first().click();
    await page.locator(".crosswalk-panel").waitFor();
    assert.equal(wasm.length, 1, `one wasm fetched: ${wasm}`);
    assert.match(wasm[0], EXPLORER_WASM);
    assert.equal(await page.locator(".programme-status").count(), 0, "no programme status without the workspace");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("opening the programme hands over to the full app with the same scope and place", async () => {
  const { context, page, wasm, errors } = await freshPage();
  try {
    await page.goto(`${app.origin()}/#/crosswalk/iso`);
    await page.locator("li.explorer-row").first().waitFor();
    await scopeChip(page, "Availability").click();
    assert.equal(await scopeChip(page, "Availability").getAttribute("aria-pressed"), "true");

    await page.getByRole("link", { name: "Programme", exact: true }).click();
    await page.getByRole("heading", { name: "Start from the library" }).waitFor();
    assert.equal(wasm.length, 2, `explorer then full app: ${wasm}`);
    assert.match(wasm[1], APP_WASM);
    assert.equal(await page.getByRole("heading", { level: 1 }).count(), 1, "one app on the page");
    assert.ok(page.url().endsWith("#/programme"), page.url());

    await page.goBack();
    await page.locator("li.explorer-row").first().waitFor();
    assert.ok(page.url().endsWith("#/crosswalk/iso"), page.url());
    assert.equal(await scopeChip(page, "Availability").getAttribute("aria-pressed"), "true", "scope kept");
    assert.equal(await page.getByRole("heading", { level: 1 }).count(), 1, "still one app on the page");
    assert.equal(wasm.length, 2, "nothing more fetched");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("a workspace address starts the full app directly", async () => {
  const { context, page, wasm, errors } = await freshPage();
  try {
    await page.goto(`${app.origin()}/#/reports/soa`);
    await page.getByRole("heading", { name: "Reports", level: 2 }).waitFor();
    // The explorer's files are preloaded for every address (the first view of most), but only
    // the full app is started: one app on the page, with the workspace in its navigation.
    assert.ok(wasm.some((path) => APP_WASM.test(path)), `${wasm}`);
    assert.equal(await page.getByRole("heading", { level: 1 }).count(), 1, "one app on the page");
    await page.getByRole("link", { name: "Programme", exact: true }).click();
    await page.getByRole("heading", { name: "Start from the library" }).waitFor();
    assert.equal(await page.getByText("Opening the programme workspace").count(), 0);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("a workspace that cannot be fetched says why, loses nothing and can be tried again", async () => {
  const { context, page, errors } = await freshPage();
  try {
    await page.route(APP_WASM, (route) => route.abort("internetdisconnected"));
    await page.goto(`${app.origin()}/#/crosswalk/tsc`);
    await page.locator("li.explorer-row").first().waitFor();
    await scopeChip(page, "Privacy").click();

    await page.getByRole("link", { name: "Programme", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "Opening the programme workspace" }).or(page.getByRole("alert")).first().waitFor();
    const alert = page.getByRole("alert").filter({ hasText: "could not be loaded" });
    await alert.waitFor();
    assert.match(await alert.innerText(), /try again/i);

    await page.unroute(APP_WASM);
    await page.getByRole("button", { name: "Try again" }).click();
    await page.getByRole("heading", { name: "Start from the library" }).waitFor();
    await page.goBack();
    await page.locator("li.explorer-row").first().waitFor();
    assert.equal(await scopeChip(page, "Privacy").getAttribute("aria-pressed"), "true", "scope kept through the failure");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("the explorer loads the crosswalk's long texts when a view shows them, and can retry", async () => {
  const { context, page, errors } = await freshPage();
  try {
    const texts = [];
    page.on("request", (request) => request.url().endsWith("/data/crosswalk-texts.txt") && texts.push(request.method()));
    await page.route("**/data/crosswalk-texts.txt", (route) => route.abort("internetdisconnected"));
    await page.goto(`${app.origin()}/#/crosswalk/tsc`);
    await page.locator("li.explorer-row").first().waitFor();
    assert.deepEqual(texts, [], "the first view needs none of them");

    await page.getByRole("link", { name: /^CC6\.1 / }).click();
    const alert = page.getByRole("alert").filter({ hasText: "explanations could not be loaded" });
    await alert.waitFor();
    assert.equal(await page.locator(".crosswalk-panel .rationale").count(), 0);

    await page.unroute("**/data/crosswalk-texts.txt");
    await page.getByRole("button", { name: "Try again" }).click();
    await page.locator(".crosswalk-panel .rationale").first().waitFor();
    assert.match(await page.locator(".crosswalk-panel .rationale").first().innerText(), /^Why: .{20,}/);
    assert.match(await page.locator(".crosswalk-panel .verdict-line").innerText(), /Verdict: /);
    assert.deepEqual(texts, ["GET", "GET"], "one failed GET, one retry");

    // Loaded once for every view: the unique register shows its texts at once.
    await page.getByRole("link", { name: "Unique register" }).click();
    await page.locator("article.obligation").first().waitFor();
    assert.match(await page.locator("article.obligation").first().innerText(), /Produce: .{20,}/);
    assert.equal(texts.length, 2);
    assert.deepEqual(errors.filter((e) => !e.includes("ERR_INTERNET_DISCONNECTED")), []);
  } finally {
    await context.close();
  }
});

test("opening the workspace while the explorer is still loading hands over once it has", async () => {
  const { context, page, errors } = await freshPage();
  try {
    // Hold the explorer's wasm until the address has turned to the workspace: the boot module
    // has chosen the explorer, and the hash changes before it listens for changes.
    let requested;
    const explorerRequested = new Promise((done) => (requested = done));
    let release;
    const released = new Promise((done) => (release = done));
    await page.route(EXPLORER_WASM, async (route) => {
      requested();
      await released;
      await route.continue();
    });
    // The boot module has run (a module script runs before DOMContentLoaded) and waits for
    // the held wasm.
    await page.goto(`${app.origin()}/#/crosswalk/tsc`, { waitUntil: "domcontentloaded" });
    await explorerRequested;
    await page.evaluate(() => {
      location.hash = "#/programme";
    });
    release();
    await page.getByRole("heading", { name: "Start from the library" }).waitFor();
    assert.equal(await page.getByRole("heading", { level: 1 }).count(), 1, "one app on the page");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
