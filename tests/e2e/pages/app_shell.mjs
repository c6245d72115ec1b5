// Page object for the app shell: header, product name and version, the informative notice.
export class AppShell {
  constructor(page, origin) {
    this.page = page;
    this.origin = origin;
  }

  async open(hash = "") {
    await this.page.goto(`${this.origin}/${hash}`);
    await this.heading().waitFor();
  }

  heading() {
    return this.page.getByRole("heading", { level: 1 });
  }

  version() {
    return this.page.getByLabel("version");
  }

  disclaimer() {
    return this.page.getByRole("note");
  }
}
