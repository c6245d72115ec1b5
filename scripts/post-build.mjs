// Trunk post_build hook: how the page starts the app, and what keeps it working offline.
//
// 1. Writes the boot module (scripts/web/boot.js with the glue and wasm file names filled in) under a
//    content hash and puts it in index.html in place of Trunk's <link data-trunk rel="rust">
//    marker (inject_scripts is off: Trunk's own loader is an inline script, which the CSP forbids).
//    The glue and the wasm are preloaded beside it, so all three download at once; the glue
//    compiles the wasm while it streams in.
// 2. Writes sw.js, the service worker precaching every file of the build (scripts/service-worker.mjs).
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { writeServiceWorker } from "./service-worker.mjs";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("post-build: TRUNK_STAGING_DIR is not set; run me as a Trunk hook");
  process.exit(2);
}
const publicUrl = process.env.TRUNK_PUBLIC_URL || "/";

const files = readdirSync(staging);
const wasmFile = files.find((f) => f.startsWith("crosswalk-app") && f.endsWith("_bg.wasm"));
const glueFile = files.find((f) => f.startsWith("crosswalk-app") && f.endsWith(".js"));
if (!wasmFile || !glueFile) {
  console.error(`post-build: expected the wasm and its JS glue in ${staging}, found ${files.join(", ")}`);
  process.exit(2);
}

const boot = readFileSync(new URL("./web/boot.js", import.meta.url), "utf8")
  .replace("__CROSSWALK_GLUE__", glueFile)
  .replace("__CROSSWALK_WASM__", wasmFile);
const bootFile = `crosswalk-boot-${createHash("sha256").update(boot).digest("hex").slice(0, 16)}.js`;
writeFileSync(join(staging, bootFile), boot, "utf8");

const indexPath = join(staging, "index.html");
const index = readFileSync(indexPath, "utf8");
const marker = /<link data-trunk rel="rust"[^>]*>/;
if (!marker.test(index)) {
  console.error('post-build: index.html has no <link data-trunk rel="rust"> to replace');
  process.exit(2);
}
// `crossorigin` makes the preload's credentials mode match the glue's fetch(), so the browser
// reuses the preloaded response instead of fetching the wasm twice.
const tags = [
  `<link rel="modulepreload" href="${publicUrl}${glueFile}" />`,
  `<link rel="preload" href="${publicUrl}${wasmFile}" as="fetch" type="application/wasm" crossorigin />`,
  `<script type="module" src="${publicUrl}${bootFile}"></script>`,
].join("\n    ");
writeFileSync(indexPath, index.replace(marker, tags), "utf8");

const { entries, version, size } = await writeServiceWorker(staging);
console.log(`post-build: ${bootFile} starts ${wasmFile}; sw.js precaches ${entries.length} files (${size} bytes), cache version ${version}`);
