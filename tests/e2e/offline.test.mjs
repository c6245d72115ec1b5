// Offline and updates: the service worker keeps every file of the build after the first visit,
// the data files the page fetches on demand included, so the app opens with the network off; a
// newer build deployed at the same origin is announced and taken only when the user reloads
// through the notice, with the programme intact; and the web app manifest makes the app
// installable.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

import { writeServiceWorker } from "../../scripts/service-worker.mjs";
import { launchPersistent } from "./support/browser.mjs";
import { useApp } from "./support/harness.mjs";
import { ProgrammePage } from "./pages/programme.mjs";
import { storedProgramme } from "./support/stored.mjs";

const app = useApp();
const NOTICE = "A new version of Crosswalk is available. Reload to use it.";

/** Resolves once the service worker has precached the build and controls the page. */
const controlled = (page) => page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });

/** The network off: the browser context offline, and a count of what still reached the server. */
async function offline(page) {
  await page.context().setOffline(true);
  const server = app.server();
  const before = server.hits.length;
  return () => server.hits.slice(before);
}

test("after the first visit the app opens, and its programmes start, with the network off", async () => {
  await app.withPage(ProgrammePage, async (ui, page, { requests }) => {
    await page.goto(`${app.origin()}/`);
    await controlled(page);
    const reached = await offline(page);
    // The sample and the library are files the page fetches when asked for: offline, the
    // service worker's cache answers (nothing reaches the server, checked at the end).
    const fetched = (path) => requests.filter((url) => url === `${app.origin()}/${path}`).length;
    try {
      await page.reload();
      await page.getByRole("heading", { level: 1 }).waitFor();

      await page.getByRole("link", { name: "Programme", exact: true }).click();
      const samples = fetched("data/sample-programme.json");
      await page.getByRole("button", { name: "Open the sample programme" }).click();
      await ui.charts().first().waitFor();
      assert.ok((await ui.stored()).controls.length > 0, "the sample programme is stored");
      assert.equal(fetched("data/sample-programme.json"), samples + 1, "the sample was fetched");

      page.once("dialog", (dialog) => dialog.accept());
      await page.getByRole("button", { name: "Remove programme from this browser" }).click();
      const libraries = fetched("data/library.json");
      await ui.startFromLibrary("Offline Ltd");
      assert.equal((await ui.stored((p) => p.scope.organisation === "Offline Ltd")).scope.organisation, "Offline Ltd");
      assert.equal(fetched("data/library.json"), libraries + 1, "the library was fetched");

      // The reports and the crosswalk, too, and a second reload.
      await page.getByRole("link", { name: "Reports" }).click();
      await page.locator("table.report").waitFor();
      await page.reload();
      await page.getByRole("link", { name: "Trust Services Criteria" }).click();
      await page.getByRole("link", { name: /CC6\.1/ }).first().click();
      await page.locator(".crosswalk-panel").waitFor();
      // The explorer bundle, started offline on an item page, has its long texts from the cache.
      await page.goto(`${app.origin()}/#/tsc/CC6.1`);
      await page.reload();
      await page.locator(".crosswalk-panel .rationale").first().waitFor();
      assert.match(await page.locator(".crosswalk-panel .rationale").first().innerText(), /^Why: .{20,}/);
      assert.deepEqual(reached(), [], "requests that reached the server with the network off");
    } finally {
      await page.context().setOffline(false);
    }
  });
});

test("the page that first loaded keeps working when the network goes off", async () => {
  await app.withPage(ProgrammePage, async (ui, page) => {
    await page.goto(`${app.origin()}/`);
    await controlled(page);
    const reached = await offline(page);
    try {
      await page.getByRole("link", { name: "Programme", exact: true }).click();
      await page.getByRole("button", { name: "Open the sample programme" }).click();
      await ui.charts().first().waitFor();
      await page.getByRole("link", { name: "Reports" }).click();
      await page.locator("table.report").waitFor();
      await page.getByRole("link", { name: "Trust Services Criteria" }).click();
      await page.getByRole("link", { name: /CC6\.1/ }).first().click();
      await page.locator(".crosswalk-panel").waitFor();
      assert.deepEqual(reached(), [], "requests that reached the server with the network off");
    } finally {
      await page.context().setOffline(false);
    }
  });
});

test("a newer build is announced, never swapped in mid-session, and taken on Reload with the programme intact", async () => {
  // The second build: this one with index.html changed (as any release changes a file) and its
  // precache list regenerated, as the post-build hook would.
  const next = mkdtempSync(join(tmpdir(), "crosswalk-next-build-"));
  cpSync(resolve("dist"), next, { recursive: true });
  const index = readFileSync(join(next, "index.html"), "utf8");
  writeFileSync(join(next, "index.html"), index.replace("<head>", '<head>\n    <meta name="crosswalk-build" content="next" />'));
  await writeServiceWorker(next);
  const isNext = (page) => page.evaluate(() => document.querySelector('meta[name="crosswalk-build"]') !== null);
  const server = app.server();

  try {
    await app.withPage(ProgrammePage, async (ui, page) => {
      await page.goto(`${app.origin()}/`);
      await controlled(page);
      await ui.startFromLibrary("Update Ltd");
      const before = await ui.stored((p) => p.scope.organisation === "Update Ltd");
      assert.equal(await page.getByRole("status").filter({ hasText: NOTICE }).count(), 0, "no notice before a new build");

      server.serve(next);
      await page.reload();
      const notice = page.getByRole("status").filter({ hasText: NOTICE });
      await notice.waitFor({ timeout: 30000 });
      assert.equal(await isNext(page), false, "the page still runs the build it opened with");

      // Reloading by hand does not swap builds either: the notice comes back.
      await page.reload();
      await notice.waitFor({ timeout: 30000 });
      assert.equal(await isNext(page), false, "a plain reload keeps the running build");
      await ui.charts().first().waitFor();

      await Promise.all([page.waitForEvent("load", { timeout: 30000 }), notice.getByRole("button", { name: "Reload" }).click()]);
      await page.waitForFunction(() => document.querySelector('meta[name="crosswalk-build"]') !== null, null, { timeout: 30000 });
      assert.equal(await isNext(page), true, "the new build runs after Reload");
      await ui.charts().first().waitFor();
      assert.deepEqual(await storedProgramme(page), before, "the programme is intact");
      assert.equal(await notice.count(), 0, "no notice once the new build runs");
      const caches = await page.evaluate(() => caches.keys());
      assert.equal(caches.length, 1, `one cache left, the new build's: ${caches}`);
    });
  } finally {
    server.serve(resolve("dist"));
    rmSync(next, { recursive: true, force: true });
  }
});

test("the app is installable: a valid web app manifest, icons and a service worker", async () => {
  // Installability needs a profile on disk (an incognito context is never installable).
  const profile = mkdtempSync(join(tmpdir(), "crosswalk-install-"));
  const context = await launchPersistent(profile);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${app.origin()}/`);
    await controlled(page);
    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send("Page.getAppManifest");
    assert.equal(manifest.url, `${app.origin()}/manifest.webmanifest`);
    assert.deepEqual(manifest.errors, [], "manifest errors");
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    assert.deepEqual(installabilityErrors, [], "installability errors");
    const parsed = JSON.parse(manifest.data);
    assert.equal(parsed.short_name, "Crosswalk");
    assert.deepEqual(parsed.icons.map((icon) => icon.sizes), ["any", "192x192", "512x512", "512x512"]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
