// Writes the data only some views need into a build folder, as same-origin files the app
// fetches when a view asks for them, so the first download carries neither:
//   data/sample-programme.json  data/sample_programme.json as it is (opened by "Open the sample programme")
//   data/library.json           data/library.toml as JSON (read by "Start from the library")
// The post-build hook calls this before it writes the service worker, whose precache list of
// every file in the build then keeps both for offline use.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { parse } from "smol-toml";

const DATA = new URL("../data/", import.meta.url);

/** Writes the two files under `dir/data/`; resolves to their paths relative to `dir`. */
export function writeDataFiles(dir) {
  mkdirSync(join(dir, "data"), { recursive: true });
  copyFileSync(new URL("sample_programme.json", DATA), join(dir, "data", "sample-programme.json"));
  // The library stays reviewable TOML in the repository; the app reads JSON (no TOML parser in
  // the wasm), the same document build.rs converts with the toml crate for the CLI.
  const library = parse(readFileSync(new URL("library.toml", DATA), "utf8"));
  writeFileSync(join(dir, "data", "library.json"), JSON.stringify(library), "utf8");
  return ["data/sample-programme.json", "data/library.json"];
}
