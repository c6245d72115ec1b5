// The built app loads, names itself and its version, and stays within its own origin.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

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

test("loading requests only the build's own files, from the page's own origin", async () => {
  await app.withPage(AppShell, async (shell, page, { requests }) => {
    await shell.open();
    await page.waitForLoadState("networkidle");
    assert.ok(requests.length > 0, "the recorder saw the page's own requests");
    const foreign = requests.filter((url) => new URL(url).origin !== app.origin());
    assert.deepEqual(foreign, [], "requests outside the origin");
    const unknown = requests.map((url) => new URL(url).pathname).filter((path) => path !== "/" && !existsSync(join("dist", path)));
    assert.deepEqual(unknown, [], "requests for files the build does not have");
  });
});

test("the Content-Security-Policy allows connections to the page's own origin only", async () => {
  await app.withPage(AppShell, async (shell, page, { errors }) => {
    await shell.open();
    const outcome = await page.evaluate(async () => {
      const attempt = (url) =>
        fetch(url).then(
          (response) => response.status,
          () => "refused",
        );
      const socket = await new Promise((done) => {
        try {
          const ws = new WebSocket("ws://127.0.0.1:9/");
          ws.onerror = () => done("refused");
          ws.onopen = () => done("opened");
        } catch {
          done("refused");
        }
      });
      return { own: await attempt("/index.html"), other: await attempt("http://127.0.0.1:9/"), socket };
    });
    assert.deepEqual(outcome, { own: 200, other: "refused", socket: "refused" });
    assert.ok(errors.some((e) => /Content Security Policy/.test(e)), "the refusal is the CSP's");
    errors.length = 0;
  });
});
