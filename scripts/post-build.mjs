// Trunk post_build hook: how the page starts the app, how other sites embed the explorer, and
// what keeps it all working offline.
//
// 1. Names the explorer and embed bundles by content hash (Trunk builds them as "workers" with
//    ES-module glue, the only way it builds more than one wasm binary, and leaves worker files
//    unhashed), and minifies every bundle's wasm-bindgen glue.
// 2. Writes the boot module (scripts/web/boot.js with both bundles' file names filled in) under
//    a content hash and puts it in index.html in place of Trunk's <link data-trunk rel="rust">
//    marker (inject_scripts is off: Trunk's own loader is an inline script, which the CSP
//    forbids). The explorer, the first view of most addresses, is preloaded beside it.
// 3. Writes embed.js (scripts/web/embed.js filled in; a stable name, since host pages name it),
//    which starts the embed bundle, and embed-<hash>.css, the app's stylesheet scoped to the
//    embedded explorer's element.
// 4. Writes the data files only some views fetch, the sample programme and the starter library
//    (scripts/data-files.mjs).
// 5. Writes sw.js, the service worker precaching every file of the build (scripts/service-worker.mjs),
//    so last: everything written before it is kept offline.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { transformSync } from "esbuild";

import { writeDataFiles } from "./data-files.mjs";
import { writeServiceWorker } from "./service-worker.mjs";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("post-build: TRUNK_STAGING_DIR is not set; run me as a Trunk hook");
  process.exit(2);
}
const publicUrl = process.env.TRUNK_PUBLIC_URL || "/";
const hashOf = (text) => createHash("sha256").update(text).digest("hex").slice(0, 16);

const files = readdirSync(staging);
const find = (what, test) => {
  const found = files.find(test);
  if (!found) {
    console.error(`post-build: expected ${what} in ${staging}, found ${files.join(", ")}`);
    process.exit(2);
  }
  return found;
};

const app = {
  wasm: find("the full app's wasm", (f) => f.startsWith("crosswalk-app-") && f.endsWith("_bg.wasm")),
  glue: find("the full app's glue", (f) => f.startsWith("crosswalk-app-") && f.endsWith(".js")),
};
const explorer = hashWorker("crosswalk-explorer");
const embedded = hashWorker("crosswalk-embed");
const stylesheet = find("the stylesheet", (f) => f.startsWith("style-") && f.endsWith(".css"));
minifyGlue(app.glue);

/**
 * Names a Trunk worker build's wasm and glue by content hash, pointing the glue at the new wasm
 * name; the glue is minified first.
 */
function hashWorker(name) {
  const wasmFile = find(`the ${name} wasm`, (f) => f === `${name}_bg.wasm`);
  const glueFile = find(`the ${name} glue`, (f) => f === `${name}.js`);
  const wasm = `${name}-${hashOf(readFileSync(join(staging, wasmFile)))}_bg.wasm`;
  renameSync(join(staging, wasmFile), join(staging, wasm));
  minifyGlue(glueFile);
  const glueText = readFileSync(join(staging, glueFile), "utf8").replaceAll(wasmFile, wasm);
  const glue = `${name}-${hashOf(glueText)}.js`;
  writeFileSync(join(staging, glue), glueText, "utf8");
  unlinkSync(join(staging, glueFile));
  return { wasm, glue };
}

/** Minifies wasm-bindgen's generated glue in place (esbuild): a third of its size. */
function minifyGlue(file) {
  const path = join(staging, file);
  writeFileSync(path, transformSync(readFileSync(path, "utf8"), { minify: true, format: "esm" }).code, "utf8");
}

const fill = (template, names) =>
  Object.entries(names).reduce(
    (text, [marker, name]) => text.replaceAll(marker, name),
    readFileSync(new URL(`./web/${template}`, import.meta.url), "utf8"),
  );

const boot = fill("boot.js", {
  __EXPLORER_GLUE__: explorer.glue,
  __EXPLORER_WASM__: explorer.wasm,
  __APP_GLUE__: app.glue,
  __APP_WASM__: app.wasm,
});
const bootFile = `crosswalk-boot-${hashOf(boot)}.js`;
writeFileSync(join(staging, bootFile), boot, "utf8");

const indexPath = join(staging, "index.html");
const index = readFileSync(indexPath, "utf8");
const marker = /<link data-trunk rel="rust" data-bin="crosswalk-app"[^>]*>/;
if (!marker.test(index)) {
  console.error('post-build: index.html has no <link data-trunk rel="rust" data-bin="crosswalk-app"> to replace');
  process.exit(2);
}
// `crossorigin` makes the preload's credentials mode match the glue's fetch(), so the browser
// reuses the preloaded response instead of fetching the wasm twice.
const tags = [
  `<link rel="modulepreload" href="${publicUrl}${explorer.glue}" />`,
  `<link rel="preload" href="${publicUrl}${explorer.wasm}" as="fetch" type="application/wasm" crossorigin />`,
  `<script type="module" src="${publicUrl}${bootFile}"></script>`,
].join("\n    ");
writeFileSync(indexPath, index.replace(marker, tags), "utf8");

const embedCss = scopeStylesheet(readFileSync(join(staging, stylesheet), "utf8"));
const embedCssFile = `embed-${hashOf(embedCss)}.css`;
writeFileSync(join(staging, embedCssFile), embedCss, "utf8");
writeFileSync(
  join(staging, "embed.js"),
  fill("embed.js", { __EMBED_GLUE__: embedded.glue, __EMBED_WASM__: embedded.wasm, __EMBED_CSS__: embedCssFile }),
  "utf8",
);

/**
 * The app's stylesheet nested under `.crosswalk-embed` (CSS nesting), so it styles the embedded
 * explorer and nothing else of the host page; the page-wide selectors (`:root`, `body`) become
 * the embed's element itself.
 */
function scopeStylesheet(css) {
  return `.crosswalk-embed {\n${css.replace(/(^|[\s,}])(:root|html|body)(?=\s*[{,])/g, "$1&")}\n}\n`;
}

const dataFiles = writeDataFiles(staging);

const { entries, version, size } = await writeServiceWorker(staging);
console.log(
  `post-build: ${bootFile} starts ${explorer.wasm} or ${app.wasm}; embed.js starts ${embedded.wasm}; ${dataFiles.join(" and ")} written; sw.js precaches ${entries.length} files (${size} bytes), cache version ${version}`,
);
