// Launches Debian's Chromium through playwright-core and records every request a page makes.
import { chromium } from "playwright-core";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
}

/** Launches Chromium on a profile directory that outlives the browser, as a real restart does. */
export function launchPersistent(userDataDir) {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
}

/**
 * Opens a fresh page that keeps a log of every request made in its browser context (the page's
 * and its service worker's: `requests` holds the URLs, `records` the requests themselves) and
 * every error the page raises, so a test can assert that nothing left the origin and nothing failed.
 * `options` are the browser context's (`{ serviceWorkers: "block" }` lets `page.route` see every request).
 */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.setDefaultTimeout(5000);
  const requests = [];
  const records = [];
  const errors = [];
  context.on("request", (request) => {
    requests.push(request.url());
    records.push(request);
  });
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  return { context, page, requests, records, errors };
}
