// Page object for the catalogue browser and the item detail view.
export class CatalogueBrowser {
  constructor(page, origin) {
    this.page = page;
    this.origin = origin;
  }

  async open(catalogue) {
    await this.page.goto(`${this.origin}/#/catalog/${catalogue}`);
    await this.page.getByRole("heading", { level: 2 }).waitFor();
  }

  async openItem(section, ref) {
    await this.page.goto(`${this.origin}/#/${section}/${ref}`);
    await this.page.locator("#item-title").waitFor();
  }

  navLink(name) {
    return this.page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name });
  }

  search() {
    return this.page.getByRole("searchbox");
  }

  status() {
    return this.page.getByRole("status");
  }

  chip(name) {
    return this.page.getByRole("button", { name, exact: true });
  }

  groupHeadings() {
    return this.page.locator(".groups h3");
  }

  /** The refs listed, in page order. */
  async refs() {
    return this.page.locator("ul.entries .ref").allInnerTexts();
  }

  itemTitle() {
    return this.page.locator("#item-title");
  }

  /** The detail view's field list as { term: text }. */
  async fields() {
    return this.page.locator("dl.fields").evaluate((dl) => {
      const out = {};
      for (const dt of dl.querySelectorAll("dt")) out[dt.textContent.trim()] = dt.nextElementSibling.textContent.trim();
      return out;
    });
  }
}
