// Writes the data only some views need into a build folder, as same-origin files the app
// fetches when a view asks for them, so the first download carries neither:
//   data/sample-programme.json  data/sample_programme.json as it is (opened by "Open the sample programme")
//   data/library.json           data/library.toml as JSON (read by "Start from the library")
//   data/crosswalk-texts.txt    the crosswalk's long texts (rationales, divergences, residuals,
//                               the unique register's explanations), which the explorer bundle
//                               leaves out of its tables and loads for the views that show them
//                               (format: src/crosswalk/texts.rs)
// The post-build hook calls this before it writes the service worker, whose precache list of
// every file in the build then keeps both for offline use.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { parse } from "smol-toml";

const DATA = new URL("../data/", import.meta.url);

/** Writes the files under `dir/data/`; returns their paths relative to `dir`. */
export function writeDataFiles(dir) {
  mkdirSync(join(dir, "data"), { recursive: true });
  copyFileSync(new URL("sample_programme.json", DATA), join(dir, "data", "sample-programme.json"));
  // The library stays reviewable TOML in the repository; the app reads JSON (no TOML parser in
  // the wasm), the same document build.rs converts with the toml crate for the CLI.
  const library = parse(readFileSync(new URL("library.toml", DATA), "utf8"));
  writeFileSync(join(dir, "data", "library.json"), JSON.stringify(library), "utf8");
  writeFileSync(join(dir, "data", "crosswalk-texts.txt"), crosswalkTexts(), "utf8");
  return ["data/sample-programme.json", "data/library.json", "data/crosswalk-texts.txt"];
}

/** The long texts of data/crosswalk.toml, verdicts.toml and unique.toml, in their order. */
export function crosswalkTexts() {
  const read = (name) => parse(readFileSync(new URL(name, DATA), "utf8"));
  const escape = (text) => (text ?? "").replaceAll("\\", "\\\\").replaceAll("\t", "\\t").replaceAll("\n", "\\n");
  const record = (...fields) => `${fields.map(escape).join("\t")}\n`;
  return [
    "crosswalk-texts 1\n",
    ...read("crosswalk.toml").link.map((l) => record("link", l.iso, l.tsc, l.rationale, l.divergence)),
    ...read("verdicts.toml").verdict.filter((v) => v.residual !== undefined).map((v) => record("residual", v.ref, v.residual)),
    ...read("unique.toml").obligation.map((o) => record("obligation", o.id, o.produce, o.why_unique, o.partial_counterpart)),
  ].join("");
}
