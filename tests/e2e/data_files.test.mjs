// Data only some views need, fetched when asked for: the sample programme and the starter
// library are same-origin files of the build, not part of the first download. Opening the
// sample and starting from the library fetch them, with a loading state on the way; a file
// that cannot be had is explained in the page, changes nothing, and trying again works.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

import { useApp } from "./support/harness.mjs";
import { ProgrammePage } from "./pages/programme.mjs";
import { storedProgramme } from "./support/stored.mjs";

const app = useApp();
const SAMPLE = "data/sample-programme.json";
const LIBRARY = "data/library.json";
const sample = JSON.parse(readFileSync(resolve("data/sample_programme.json"), "utf8"));

/** The page's GETs of `path`: no body, no query string. */
const fetchesOf = (records, path) =>
  records.filter((request) => new URL(request.url()).pathname === `/${path}` && !request.serviceWorker());

/**
 * Runs `body(pageObject, page, log)` with no service worker, so page.route sees (and can fail)
 * every request. Playwright's block leaves register() resolving to nothing, which no browser
 * does; hiding the API as well sends the boot module down its path for browsers without one.
 */
function withoutServiceWorker(body) {
  return app.withPage(
    ProgrammePage,
    async (ui, page, log) => {
      await page.addInitScript(() => delete Navigator.prototype.serviceWorker);
      await body(ui, page, log);
    },
    { serviceWorkers: "block" },
  );
}

/** Takes the console's reports of the failed requests for `path` out of the page's errors: they are the point of the test. */
function expectFailedLoads(errors, path) {
  const failed = errors.filter((error) => error.startsWith("Failed to load resource"));
  assert.ok(failed.length > 0, `the browser reported the failed request for ${path}`);
  errors.splice(0, errors.length, ...errors.filter((error) => !failed.includes(error)));
}

test("the wasm carries neither the sample programme nor the starter library", () => {
  const dist = resolve("dist");
  const wasm = readdirSync(dist).find((file) => file.endsWith("_bg.wasm"));
  const bytes = readFileSync(join(dist, wasm)).toString("latin1");
  // One string only the sample has, one only the library has.
  for (const text of ["Northwind Insights platform", "names an independent dispute resolution route"]) {
    assert.equal(bytes.includes(text), false, `${wasm} contains "${text}"`);
    assert.ok(readdirSync(join(dist, "data")).some((file) => readFileSync(join(dist, "data", file), "utf8").includes(text)), `dist/data/ serves "${text}"`);
  }
});

test("opening the sample and starting from the library fetch their files, not before", async () => {
  await app.withPage(ProgrammePage, async (ui, page, { records }) => {
    await ui.open();
    assert.deepEqual([...fetchesOf(records, SAMPLE), ...fetchesOf(records, LIBRARY)], [], "nothing fetched before it is asked for");

    await ui.openSample();
    const [fetched] = fetchesOf(records, SAMPLE);
    assert.ok(fetched, `${SAMPLE} was fetched`);
    assert.equal(fetched.method(), "GET");
    assert.equal(fetched.postDataBuffer(), null);
    assert.equal(new URL(fetched.url()).search, "");
    const stored = await ui.stored((p) => p.scope.organisation === sample.scope.organisation);
    assert.equal(stored.controls.length, sample.controls.length, "the sample programme is stored");
    assert.deepEqual(fetchesOf(records, LIBRARY), [], "the library is not fetched for the sample");

    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "Remove programme from this browser" }).click();
    await ui.startFromLibrary("Fetch Ltd");
    assert.equal(fetchesOf(records, LIBRARY).length, 1, `${LIBRARY} was fetched`);
    const started = await ui.stored((p) => p.scope.organisation === "Fetch Ltd");
    assert.ok(started.controls.length > 50, `${started.controls.length} controls from the library`);
  });
});

test("the button shows the loading state until the file arrives", async () => {
  await withoutServiceWorker(async (ui, page) => {
    let release;
    const held = new Promise((done) => (release = done));
    await page.route(`**/${SAMPLE}`, async (route) => {
      await held;
      await route.continue();
    });
    await ui.open();
    const button = page.getByRole("button", { name: "Open the sample programme" });
    await button.click();
    await page.getByRole("status").filter({ hasText: "Loading the sample programme…" }).waitFor();
    assert.equal(await button.isDisabled(), true, "no second press while loading");
    assert.equal(await button.getAttribute("aria-busy"), "true");
    release();
    await ui.charts().first().waitFor();
    assert.equal((await ui.stored()).scope.organisation, sample.scope.organisation);
  });
});

test("a sample that cannot be downloaded is explained, changes nothing, and trying again opens it", async () => {
  await withoutServiceWorker(async (ui, page, { errors }) => {
    await page.route(`**/${SAMPLE}`, (route) => route.abort("internetdisconnected"));
    await ui.open();
    const button = page.getByRole("button", { name: "Open the sample programme" });
    await button.click();
    const alert = page.getByRole("alert").filter({ hasText: "The sample programme could not be downloaded" });
    await alert.waitFor();
    assert.match(await alert.textContent(), /Nothing has changed; try again when you are online\./);
    assert.equal(await storedProgramme(page), null, "no programme stored");
    assert.equal(await button.isEnabled(), true, "the button can be pressed again");
    expectFailedLoads(errors, SAMPLE);

    await page.unroute(`**/${SAMPLE}`);
    await button.click();
    await ui.charts().first().waitFor();
    assert.equal((await ui.stored()).controls.length, sample.controls.length);
  });
});

test("a library that cannot be had keeps the form as typed, and trying again starts the programme", async () => {
  await withoutServiceWorker(async (ui, page, { errors }) => {
    await page.route(`**/${LIBRARY}`, (route) => route.abort("internetdisconnected"));
    await ui.open();
    await page.getByLabel("Organisation").fill("Retry Ltd");
    await page.getByLabel("Availability").check();
    const button = page.getByRole("button", { name: "Start from the library" });
    await button.click();
    await page.getByRole("alert").filter({ hasText: "The starter library could not be downloaded" }).waitFor();
    assert.equal(await page.getByLabel("Organisation").inputValue(), "Retry Ltd", "what was typed is kept");
    assert.equal(await page.getByLabel("Availability").isChecked(), true);
    assert.equal(await storedProgramme(page), null, "no programme stored");
    expectFailedLoads(errors, LIBRARY);

    // A damaged file is refused by the engine's checks, with its reason.
    await page.unroute(`**/${LIBRARY}`);
    await page.route(`**/${LIBRARY}`, (route) => route.fulfill({ contentType: "application/json", body: '{"control": []}' }));
    await button.click();
    const damaged = page.getByRole("alert").filter({ hasText: "The starter library could not be read (the library is invalid: no template reaches" });
    await damaged.waitFor();
    assert.equal(await storedProgramme(page), null, "no programme stored");

    await page.unroute(`**/${LIBRARY}`);
    await button.click();
    await ui.charts().first().waitFor();
    const started = await ui.stored((p) => p.scope.organisation === "Retry Ltd");
    assert.deepEqual(started.scope.categories, ["availability"]);
  });
});
