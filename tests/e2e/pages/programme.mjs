// Page object for the programme workspace.
import { join } from "node:path";

import { storedProgramme } from "../support/stored.mjs";

export { STORAGE_KEY } from "../support/stored.mjs";
export const BACKUP_KEY = "crosswalk.programme.unreadable";

export class ProgrammePage {
  constructor(page, origin) {
    this.page = page;
    this.origin = origin;
  }

  async open(path = "") {
    await this.page.goto(`${this.origin}/#/programme${path}`);
    await this.page.locator("#programme-title").waitFor();
  }

  async startFromLibrary(organisation, categories = []) {
    await this.open();
    await this.page.getByLabel("Organisation").fill(organisation);
    for (const category of categories) await this.page.getByLabel(category).check();
    await this.page.getByRole("button", { name: "Start from the library" }).click();
    await this.charts().first().waitFor();
  }

  async openSample() {
    await this.open();
    await this.page.getByRole("button", { name: "Open the sample programme" }).click();
    await this.charts().first().waitFor();
  }

  charts() {
    return this.page.locator("figure.chart figcaption");
  }

  tab(name) {
    return this.page.getByRole("navigation", { name: "Programme" }).getByRole("link", { name });
  }

  controlRows() {
    return this.page.locator("table.records tbody tr");
  }

  field(label) {
    return this.page.getByLabel(label, { exact: true });
  }

  /** Sets a text field and commits it as a user would (change fires on blur). */
  async setField(label, value) {
    const field = this.field(label);
    await field.fill(value);
    await field.press("Tab");
  }

  /** The stored programme, parsed, once autosave has written one for which `predicate` holds. */
  async stored(predicate = () => true, timeout = 5000) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const parsed = await storedProgramme(this.page);
      if (parsed && predicate(parsed)) return parsed;
      if (Date.now() > deadline) throw new Error(`stored programme never matched ${predicate}`);
      await this.page.waitForTimeout(50);
    }
  }

  /** Clicks a download button and returns the file's text. */
  async download(buttonName) {
    const [download] = await Promise.all([
      this.page.waitForEvent("download"),
      this.page.getByRole("button", { name: buttonName }).click(),
    ]);
    const stream = await download.createReadStream();
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString("utf8") };
  }

  /** Clicks a download button and saves the file, under its own name, in `dir`. */
  async saveDownload(buttonName, dir) {
    const [download] = await Promise.all([
      this.page.waitForEvent("download"),
      this.page.getByRole("button", { name: buttonName, exact: true }).click(),
    ]);
    const name = download.suggestedFilename();
    const path = join(dir, name);
    await download.saveAs(path);
    return { name, path };
  }

  async importFile(name, contents) {
    await this.page.getByLabel(/^Programme JSON \(replaces the programme in this browser/).first().setInputFiles({
      name,
      mimeType: "application/json",
      buffer: Buffer.isBuffer(contents) ? contents : Buffer.from(contents),
    }, { timeout: 30000 }); // a 20 MB buffer crosses the DevTools protocol slowly on a busy machine
    const outcome = this.page.locator(".import-ok, .import-error").filter({ hasText: name }).first();
    await outcome.waitFor({ timeout: 20000 });
    return outcome.innerText();
  }

  banner() {
    return this.page.locator(".banner");
  }

  /** Picks a spreadsheet in the import view and waits for its preview or its refusal. */
  async pickSheet(path, rows = "Unified controls") {
    await this.open("/import");
    await this.page.getByLabel(rows).check();
    await this.page.getByLabel("Spreadsheet (CSV)").setInputFiles(path);
    await this.page.locator(".import-counts, .sheet-import .import-error").first().waitFor();
  }

  /** The column chosen for a field, by its header text. */
  async columnOf(field) {
    const select = this.page.getByLabel(field, { exact: true });
    return select.locator("option:checked").innerText();
  }

  previewRow(row) {
    return this.page.locator("table.preview tbody tr").filter({ has: this.page.locator("td:first-child", { hasText: new RegExp(`^${row}$`) }) });
  }
}
