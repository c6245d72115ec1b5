// Page object for the reports section.
import { ProgrammePage } from "./programme.mjs";

export class ReportsPage extends ProgrammePage {
  async openReport(id) {
    await this.page.goto(`${this.origin}/#/reports/${id}`);
    await this.page.locator("table.report").waitFor();
  }

  /** The report table as an array of { column: text } rows. */
  async rows() {
    return this.page.locator("table.report").evaluate((table) => {
      const heads = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
      return [...table.querySelectorAll("tbody tr")].map((tr) =>
        Object.fromEntries([...tr.children].map((td, i) => [heads[i], td.innerText.trim()])),
      );
    });
  }
}
