// Renders the app icons' PNGs (public/icons/*.png) from their SVGs in headless Chromium.
// Run by hand after changing an SVG (`node scripts/icons.mjs`); the PNGs are committed.
import { readFileSync, writeFileSync } from "node:fs";

import { launchBrowser } from "../tests/e2e/support/browser.mjs";

const ICONS = [
  ["public/icons/crosswalk.svg", "public/icons/crosswalk-192.png", 192],
  ["public/icons/crosswalk.svg", "public/icons/crosswalk-512.png", 512],
  ["public/icons/crosswalk-maskable.svg", "public/icons/crosswalk-maskable-512.png", 512],
];

const browser = await launchBrowser();
try {
  for (const [svg, png, size] of ICONS) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const src = `data:image/svg+xml;base64,${readFileSync(svg).toString("base64")}`;
    await page.setContent(`<style>html,body{margin:0;background:transparent}</style><img src="${src}" width="${size}" height="${size}">`);
    await page.locator("img").evaluate((img) => img.decode());
    writeFileSync(png, await page.screenshot({ omitBackground: true }));
    await page.close();
    console.log(`icons: ${png} (${size}x${size})`);
  }
} finally {
  await browser.close();
}
