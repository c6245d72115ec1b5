// The built app loads, names itself and its version, and stays within its own origin.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { useApp } from "./support/harness.mjs";
import { AppShell } from "./pages/app_shell.mjs";

const crateVersion = readFileSync("Cargo.toml", "utf8").match(/^version = "([^"]+)"/m)[1];
const app = useApp();

test("the page shows the product name and the crate version", async () => {
  await app.withPage(AppShell, async (shell) => {
    await shell.open();
    assert.match(await shell.heading().innerText(), /Crosswalk/);
    assert.equal(await shell.version().innerText(), `v${crateVersion}`);
  });
});

test("the page states that the mapping is informative, not an equivalence guarantee", async () => {
  await app.withPage(AppShell, async (shell) => {
    await shell.open();
    assert.match(await shell.disclaimer().innerText(), /informative mapping/);
  });
});

test("loading makes no request beyond the page's own origin, and no fetch at all", async () => {
  await app.withPage(AppShell, async (shell, page, { requests }) => {
    const fetches = [];
    page.on("request", (request) => {
      if (["fetch", "xhr", "websocket", "eventsource"].includes(request.resourceType())) {
        fetches.push(request.url());
      }
    });
    await shell.open();
    await page.waitForLoadState("networkidle");
    assert.ok(requests.length > 0, "the recorder saw the page's own requests");
    const foreign = requests.filter((url) => new URL(url).origin !== app.origin());
    assert.deepEqual(foreign, [], "requests outside the origin");
    assert.deepEqual(fetches, [], "fetch/XHR/websocket requests");
  });
});

test("the Content-Security-Policy forbids connections", async () => {
  await app.withPage(AppShell, async (shell, page, { errors }) => {
    await shell.open();
    const blocked = await page.evaluate(async () => {
      try {
        await fetch("/index.html");
        return false;
      } catch {
        return true;
      }
    });
    assert.equal(blocked, true, "a same-origin fetch must be refused by connect-src 'none'");
    assert.ok(errors.some((e) => /Content Security Policy/.test(e)), "the refusal is the CSP's");
    errors.length = 0;
  });
});
