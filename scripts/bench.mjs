// Crosswalk benchmark: measures the release build in headless Chromium and the native CLI,
// and prints one table of medians (or, with --json, one JSON object). Run it through
// scripts/bench, which builds first. Not part of the test command: figures, not pass/fail.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";

import { serveDist } from "../tests/e2e/support/server.mjs";
import { launchBrowser } from "../tests/e2e/support/browser.mjs";

const RUNS = 7;
const CLI = resolve("target/release/crosswalk");
const asJson = process.argv.includes("--json");

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const round = (ms) => Math.round(ms * 10) / 10;

/** Every file dist/ serves on first load, gzipped at level 9. */
function firstLoadGzipBytes() {
  return readdirSync("dist").reduce((sum, file) => sum + gzipSync(readFileSync(join("dist", file)), { level: 9 }).length, 0);
}

/** A programme of 1,000 unified controls and 10,000 evidence items, grown from the sample. */
function generatedProgramme() {
  const sample = JSON.parse(execFileSync(CLI, ["example-programme"], { encoding: "utf8" }));
  const id = (prefix, n, width) => `${prefix}-${String(n).padStart(width, "0")}`;
  const controls = Array.from({ length: 1000 }, (_, i) => ({ ...sample.controls[i % sample.controls.length], id: id("UC", i + 1, 4) }));
  const evidence = Array.from({ length: 10000 }, (_, i) => ({
    ...sample.evidence[i % sample.evidence.length],
    id: id("EV", i + 1, 5),
    controls: [...new Set([id("UC", (i % 1000) + 1, 4), id("UC", ((i * 7) % 1000) + 1, 4)])],
  }));
  return { ...sample, controls, evidence, next_control: 1001, next_evidence: 10001 };
}

/** The time between two marks, once the second has been set. */
async function between(page, from, to) {
  await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, to, { timeout: 60000 });
  return page.evaluate(([a, b]) => {
    const last = (name) => performance.getEntriesByName(name).at(-1).startTime;
    return last(b) - last(a);
  }, [from, to]);
}

async function browserFigures(origin, programmeJson) {
  const browser = await launchBrowser();
  try {
    const firstRender = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${origin}/#/crosswalk/tsc`);
      await page.waitForFunction(() => performance.getEntriesByName("crosswalk:explorer-rendered").length > 0);
      firstRender.push(await page.evaluate(() => performance.getEntriesByName("crosswalk:explorer-rendered")[0].startTime));
      await context.close();
    }

    const imports = [];
    const fullSaves = [];
    const saves = [];
    const edits = [];
    let storedBytes = 0;
    for (let i = 0; i < 3; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${origin}/#/programme`);
      await page.getByLabel("Programme JSON (replaces the programme in this browser)").setInputFiles({
        name: "generated.json",
        mimeType: "application/json",
        buffer: Buffer.from(programmeJson),
      });
      imports.push(await between(page, "crosswalk:import", "crosswalk:import-rendered"));
      fullSaves.push(await between(page, "crosswalk:save", "crosswalk:saved"));
      storedBytes = await page.evaluate(() =>
        Object.keys(localStorage)
          .filter((key) => key.startsWith("crosswalk.programme"))
          .reduce((sum, key) => sum + new Blob([key, localStorage.getItem(key)]).size, 0),
      );
      await page.evaluate(() => performance.clearMarks());

      await page.goto(`${origin}/#/programme/controls/UC-0001`);
      await page.locator(".coverage-line").waitFor();
      for (let j = 0; j < RUNS; j++) {
        await page.getByLabel("Status").selectOption(j % 2 ? "operating" : "in-progress");
        edits.push(await between(page, "crosswalk:edit", "crosswalk:edit-rendered"));
        saves.push(await between(page, "crosswalk:save", "crosswalk:saved"));
        await page.evaluate(() => performance.clearMarks());
      }
      await context.close();
    }
    return {
      first_render_ms: round(median(firstRender)),
      edit_rerender_ms: round(median(edits)),
      save_ms: round(median(saves)),
      full_save_ms: round(median(fullSaves)),
      stored_bytes: storedBytes,
      import_ms: round(median(imports)),
    };
  } finally {
    await browser.close();
  }
}

function cliFigures(file) {
  const time = (args) => {
    const start = process.hrtime.bigint();
    execFileSync(CLI, args, { stdio: ["ignore", "ignore", "ignore"] });
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const reports = ["soa", "clauses", "soc2-matrix", "system-description", "assertion", "evidence-requests-iso", "evidence-requests-soc2", "plan"];
  const coverage = Array.from({ length: RUNS }, () => time(["coverage", file]));
  const allReports = Array.from({ length: RUNS }, () => reports.reduce((sum, kind) => sum + time(["report", file, kind]), 0));
  return { cli_coverage_ms: round(median(coverage)), cli_reports_ms: round(median(allReports)) };
}

const programme = JSON.stringify(generatedProgramme());
const file = join(mkdtempSync(join(tmpdir(), "crosswalk-bench-")), "generated.json");
writeFileSync(file, programme);

const server = await serveDist(resolve("dist"));
let figures;
try {
  figures = {
    first_load_gzip_bytes: firstLoadGzipBytes(),
    ...(await browserFigures(server.origin, programme)),
    ...cliFigures(file),
  };
} finally {
  await server.close();
}

if (asJson) {
  console.log(JSON.stringify(figures));
} else {
  const targets = {
    first_load_gzip_bytes: "<= 256000",
    first_render_ms: "< 300",
    edit_rerender_ms: "<= 16",
    save_ms: "<= 25",
    full_save_ms: "",
    stored_bytes: "< 3000000",
    import_ms: "",
    cli_coverage_ms: "",
    cli_reports_ms: "",
  };
  console.log(`Crosswalk benchmark: medians; generated programme of 1,000 unified controls and 10,000 evidence items (${programme.length} bytes of JSON)`);
  console.log("save_ms: the autosave after one edit; full_save_ms: the first save of the imported programme (every part)");
  console.log("figure                   value        target");
  for (const [name, value] of Object.entries(figures)) {
    console.log(`${name.padEnd(24)} ${String(value).padEnd(12)} ${targets[name]}`);
  }
}
