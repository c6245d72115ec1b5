// Crosswalk benchmark: measures the release build in headless Chromium and the native CLI,
// and prints one table of medians (or, with --json, one JSON object). Run it through
// scripts/bench, which builds first. Not part of the test command: figures, not pass/fail.
//
// --dist=DIR measures another build folder (dist/ by default); --load-only measures only the
// first load (bytes and render times), for comparing two builds: alternate runs of each.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";

import { serveDist } from "../tests/e2e/support/server.mjs";
import { launchBrowser } from "../tests/e2e/support/browser.mjs";

const RUNS = 7;
const CLI = resolve("target/release/crosswalk");
const asJson = process.argv.includes("--json");
const loadOnly = process.argv.includes("--load-only");
const DIST = resolve(process.argv.find((arg) => arg.startsWith("--dist="))?.slice("--dist=".length) ?? "dist");

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const round = (ms) => Math.round(ms * 10) / 10;

/** Every file under `dir`, as paths relative to it. */
const allFiles = (dir) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));

/**
 * The files the first view loads: index.html, every file of the build it names (boot module,
 * the explorer bundle's glue and wasm it preloads, stylesheet, web app manifest), and the service
 * worker the boot module registers. Not the full app's bundle, which the boot module loads only
 * for the programme workspace and reports, nor the icons (fetched only to install the app), nor
 * anything else the service worker then precaches in the background: `dist_*_bytes` counts those.
 */
function firstLoadFiles() {
  const linked = namedIn("index.html");
  return [...new Set(["index.html", ...linked, ...(existsSync(join(DIST, "sw.js")) ? ["sw.js"] : [])])];
}

/** What a host page embedding the explorer loads: embed.js and every file it names. */
function embedFiles() {
  return existsSync(join(DIST, "embed.js")) ? [...new Set(["embed.js", ...namedIn("embed.js")])] : [];
}

/** The files of the build that `file` names by path. */
function namedIn(file) {
  const text = readFileSync(join(DIST, file), "utf8");
  return allFiles(DIST).filter((other) => other !== "sw.js" && (text.includes(`/${other}"`) || text.includes(`"${other}"`) || text.includes(`./${other}"`)));
}

/** Sizes of `files` compressed as a server would send them: gzip -9 and brotli (quality 11). */
function compressedBytes(files) {
  return files.reduce(
    (sum, file) => {
      const bytes = readFileSync(join(DIST, file));
      return { gzip: sum.gzip + gzipSync(bytes, { level: 9 }).length, brotli: sum.brotli + brotliCompressSync(bytes).length };
    },
    { gzip: 0, brotli: 0 },
  );
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

const explorerRendered = async (page) => {
  await page.waitForFunction(() => performance.getEntriesByName("crosswalk:explorer-rendered").length > 0, null, { timeout: 60000 });
  return page.evaluate(() => performance.getEntriesByName("crosswalk:explorer-rendered")[0].startTime);
};

/**
 * First render in a fresh browser (nothing cached), then the same page opened again once the
 * service worker (if the build has one) has taken the files in: what every later visit costs.
 */
async function loadFigures(origin) {
  const browser = await launchBrowser();
  try {
    const firstRender = [];
    const repeatRender = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${origin}/#/crosswalk/tsc`);
      firstRender.push(await explorerRendered(page));
      await page.waitForLoadState("networkidle");
      if (existsSync(join(DIST, "sw.js"))) {
        await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60000 });
      }
      await page.reload();
      repeatRender.push(await explorerRendered(page));
      await context.close();
    }
    return { first_render_ms: round(median(firstRender)), repeat_render_ms: round(median(repeatRender)) };
  } finally {
    await browser.close();
  }
}

async function browserFigures(origin, programmeJson) {
  const browser = await launchBrowser();
  try {

    const imports = [];
    const fullSaves = [];
    const saves = [];
    const edits = [];
    let storedBytes = 0;
    for (let i = 0; i < 3; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${origin}/#/programme`);
      await page.getByLabel(/^Programme JSON \(replaces the programme in this browser/).first().setInputFiles({
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
  // diff exits 1 on a difference and merge on a conflict, so these are timed without execFileSync's throw.
  const timeStatus = (args, expected) => {
    const start = process.hrtime.bigint();
    const run = spawnSync(CLI, args, { stdio: ["ignore", "ignore", "pipe"] });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (run.status !== expected) throw new Error(`crosswalk ${args[0]} exited ${run.status}: ${run.stderr}`);
    return ms;
  };
  const reports = ["soa", "clauses", "soc2-matrix", "system-description", "assertion", "evidence-requests-iso", "evidence-requests-soc2", "plan"];
  const coverage = Array.from({ length: RUNS }, () => time(["coverage", file]));
  const allReports = Array.from({ length: RUNS }, () => reports.reduce((sum, kind) => sum + time(["report", file, kind]), 0));
  // Two people's edits to the generated programme: every tenth control's owner on one side,
  // every tenth evidence item's location on the other, and one field both changed.
  const base = JSON.parse(readFileSync(file, "utf8"));
  const version = (name, edit) => {
    const programme = structuredClone(base);
    edit(programme);
    const path = join(tmpdir(), `crosswalk-bench-${process.pid}-${name}.json`);
    writeFileSync(path, JSON.stringify(programme));
    return path;
  };
  const ours = version("ours", (p) => {
    p.controls.forEach((c, i) => { if (i % 10 === 0) c.owner = `Owner ${i}`; });
    p.scope.system = "Ours";
  });
  const theirs = version("theirs", (p) => {
    p.evidence.forEach((e, i) => { if (i % 10 === 0) e.location = `Moved ${i}`; });
    p.scope.system = "Theirs";
  });
  const diffs = Array.from({ length: RUNS }, () => timeStatus(["diff", file, ours, "--format", "csv"], 1));
  const target = join(tmpdir(), `crosswalk-bench-${process.pid}-target.json`);
  const merges = Array.from({ length: RUNS }, () => {
    writeFileSync(target, readFileSync(ours));
    return timeStatus(["merge", file, target, theirs], 1);
  });
  return {
    cli_coverage_ms: round(median(coverage)),
    cli_reports_ms: round(median(allReports)),
    cli_diff_ms: round(median(diffs)),
    cli_merge_ms: round(median(merges)),
  };
}

const programme = loadOnly ? "" : JSON.stringify(generatedProgramme());
const file = join(mkdtempSync(join(tmpdir(), "crosswalk-bench-")), "generated.json");
writeFileSync(file, programme);

const server = await serveDist(DIST);
let figures;
try {
  const firstLoad = compressedBytes(firstLoadFiles());
  const embed = compressedBytes(embedFiles());
  const everything = compressedBytes(allFiles(DIST));
  figures = {
    first_load_gzip_bytes: firstLoad.gzip,
    first_load_brotli_bytes: firstLoad.brotli,
    embed_first_load_gzip_bytes: embed.gzip,
    embed_first_load_brotli_bytes: embed.brotli,
    dist_gzip_bytes: everything.gzip,
    dist_brotli_bytes: everything.brotli,
    ...(await loadFigures(server.origin)),
    ...(loadOnly ? {} : await browserFigures(server.origin, programme)),
    ...(loadOnly ? {} : cliFigures(file)),
  };
} finally {
  await server.close();
}

if (asJson) {
  console.log(JSON.stringify(figures));
} else {
  const targets = {
    first_load_gzip_bytes: "<= 380000 (goal 250000)",
    first_load_brotli_bytes: "",
    embed_first_load_gzip_bytes: "<= 200000",
    embed_first_load_brotli_bytes: "",
    dist_gzip_bytes: "",
    dist_brotli_bytes: "",
    first_render_ms: "<= 250",
    repeat_render_ms: "",
    edit_rerender_ms: "<= 16",
    save_ms: "<= 25",
    full_save_ms: "",
    stored_bytes: "< 3000000",
    import_ms: "",
    cli_coverage_ms: "<= 80",
    cli_reports_ms: "",
    cli_diff_ms: "",
    cli_merge_ms: "",
  };
  console.log("first_load: index.html, what it names (the explorer bundle) and sw.js; embed_first_load: embed.js and what it names; dist: every file (the service worker precaches them all on the first visit)");
  console.log(`Crosswalk benchmark: medians; generated programme of 1,000 unified controls and 10,000 evidence items (${programme.length} bytes of JSON)`);
  console.log("save_ms: the autosave after one edit; full_save_ms: the first save of the imported programme (every part)");
  console.log("figure                   value        target");
  for (const [name, value] of Object.entries(figures)) {
    console.log(`${name.padEnd(24)} ${String(value).padEnd(12)} ${targets[name]}`);
  }
}
