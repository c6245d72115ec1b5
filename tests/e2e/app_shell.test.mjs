// The built app loads, names itself and its version, and stays within its own origin.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { serveDist } from "./support/server.mjs";
import { launchBrowser, openPage } from "./support/browser.mjs";
import { AppShell } from "./pages/app_shell.mjs";

const crateVersion = readFileSync("Cargo.toml", "utf8").match(/^version = "([^"]+)"/m)[1];

let server;
let browser;
before(async () => {
  server = await serveDist();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test("the page shows the product name and the crate version", async () => {
  const { page, errors, context } = await openPage(browser);
  const shell = new AppShell(page, server.origin);
  await shell.open();
  assert.match(await shell.heading().innerText(), /Crosswalk/);
  assert.equal(await shell.version().innerText(), `v${crateVersion}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the page states that the mapping is informative, not an equivalence guarantee", async () => {
  const { page, context } = await openPage(browser);
  const shell = new AppShell(page, server.origin);
  await shell.open();
  assert.match(await shell.disclaimer().innerText(), /informative mapping/);
  await context.close();
});

test("loading makes no request beyond the page's own origin, and no fetch at all", async () => {
  const { page, requests, context } = await openPage(browser);
  const fetches = [];
  page.on("request", (request) => {
    if (["fetch", "xhr", "websocket", "eventsource"].includes(request.resourceType())) {
      fetches.push(request.url());
    }
  });
  const shell = new AppShell(page, server.origin);
  await shell.open();
  await page.waitForLoadState("networkidle");
  assert.ok(requests.length > 0, "the recorder saw the page's own requests");
  const foreign = requests.filter((url) => new URL(url).origin !== server.origin);
  assert.deepEqual(foreign, [], "requests outside the origin");
  assert.deepEqual(fetches, [], "fetch/XHR/websocket requests");
  await context.close();
});

test("the Content-Security-Policy forbids connections", async () => {
  const { page, context } = await openPage(browser);
  await new AppShell(page, server.origin).open();
  const blocked = await page.evaluate(async () => {
    try {
      await fetch("/index.html");
      return false;
    } catch {
      return true;
    }
  });
  assert.equal(blocked, true, "a same-origin fetch must be refused by connect-src 'none'");
  await context.close();
});
