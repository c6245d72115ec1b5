// Shared set-up of the end-to-end files: one static server and one browser per file, and a
// fresh browser context per test that must end without page errors.
import { after, before } from "node:test";
import assert from "node:assert/strict";

import { serveDist } from "./server.mjs";
import { launchBrowser, openPage } from "./browser.mjs";

/** Starts the server and browser for this test file; returns accessors for the tests. */
export function useApp() {
  const app = { server: null, browser: null };
  before(async () => {
    app.server = await serveDist();
    app.browser = await launchBrowser();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  return {
    origin: () => app.server.origin,
    /** The server: `serve(dir)` deploys another build at the same origin; `hits` lists what reached it. */
    server: () => app.server,
    browser: () => app.browser,
    /** Runs `body(pageObject, page, log)` in a fresh context (with `options`); fails on any page error. */
    async withPage(PageObject, body, options = {}) {
      const { page, context, errors, requests, records } = await openPage(app.browser, options);
      try {
        await body(new PageObject(page, app.server.origin), page, { errors, requests, records });
        assert.deepEqual(errors, [], "no page errors");
      } finally {
        await context.close();
      }
    },
  };
}
