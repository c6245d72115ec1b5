// Page object for the crosswalk explorer, the matrix, the unique register and the crosswalk
// panel of an item's detail view.
export class CrosswalkExplorer {
  constructor(page, origin) {
    this.page = page;
    this.origin = origin;
  }

  async open(hash = "#/crosswalk/tsc") {
    await this.page.goto(`${this.origin}/${hash}`);
    await this.page.getByRole("heading", { level: 2 }).first().waitFor();
  }

  scopeToggle(name) {
    return this.page.getByRole("group", { name: "SOC 2 scope" }).getByRole("button", { name, exact: true });
  }

  filterChip(group, name) {
    return this.page.getByRole("group", { name: group, exact: true }).getByRole("button", { name, exact: true });
  }

  coverageLine() {
    return this.page.locator(".coverage-line");
  }

  itemCount() {
    return this.page.locator(".explorer .result-count");
  }

  search() {
    return this.page.getByRole("searchbox", { name: "Search the crosswalk" });
  }

  /** The refs of the listed items, in order. Text content, not innerText: rows below the fold
   * are not laid out until scrolled to (content-visibility), so their innerText is empty. */
  async rows() {
    return this.page.locator(".explorer-row .row-head .ref").allTextContents();
  }

  row(ref) {
    return this.page.locator(".explorer-row").filter({ has: this.page.locator(".row-head .ref", { hasText: new RegExp(`^${ref.replaceAll(".", "\\.")}$`) }) });
  }

  /** The counterpart refs linked from a listed item. */
  async linkedRefs(ref) {
    return this.row(ref).locator(".link-chips .ref").allTextContents();
  }

  panel() {
    return this.page.locator(".crosswalk-panel");
  }

  /** The counterpart refs in an item's crosswalk panel. */
  async panelLinks() {
    return this.panel().locator(".link-card .link-head > a .ref").allInnerTexts();
  }

  matrixCell(row, column) {
    return this.page.getByRole("link", { name: `links between ${row} and ${column}` });
  }
}
