// Workbooks downloaded from the app, read by openpyxl and compared cell by cell with the CSV of
// the same tables (tests/consumers/xlsx_openpyxl.py, which the native tests also use).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** Asserts that openpyxl reads `workbook` as one sheet per CSV, in order, with no difference. */
export function assertOpenpyxlReads(workbook, csvs) {
  assert.deepEqual([...readFileSync(workbook).subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04], "a zip archive");
  const check = spawnSync(".venv/bin/python", ["tests/consumers/xlsx_openpyxl.py", workbook, ...csvs], { encoding: "utf8" });
  assert.equal(check.status, 0, `${check.stdout}${check.stderr}`);
  assert.match(check.stdout, new RegExp(`^openpyxl read ${csvs.length} sheet\\(s\\), 0 difference\\(s\\)$`, "m"));
}
