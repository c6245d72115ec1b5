// Compares how fast builds open, run by run interleaved (this VM's speed drifts too much for
// back-to-back blocks to compare): each round opens every build once, in a fresh browser
// context, in turn. Prints the median time to the first render (the crosswalk view) per build
// and the median of the paired differences against the first build.
//
//   node scripts/bench-compare.mjs DIR_A DIR_B [...] [--runs=N] [--mbps=M --rtt=MS]
//
// --mbps and --rtt throttle the network (DevTools' emulation), so that how a build downloads
// counts as it would beyond localhost; files are then sent gzipped, as a production server would.
import { resolve } from "node:path";

import { serveDist } from "../tests/e2e/support/server.mjs";
import { launchBrowser } from "../tests/e2e/support/browser.mjs";

const option = (name, fallback) => Number(process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const dirs = process.argv.slice(2).filter((arg) => !arg.startsWith("--"));
const runs = option("runs", 15);
const mbps = option("mbps", 0);
const rtt = option("rtt", 0);
if (dirs.length < 2) {
  console.error("usage: node scripts/bench-compare.mjs DIR_A DIR_B [...] [--runs=N] [--mbps=M --rtt=MS]");
  process.exit(2);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const servers = await Promise.all(dirs.map((dir) => serveDist(resolve(dir), { gzip: mbps > 0 })));
const browser = await launchBrowser();
const times = dirs.map(() => []);
try {
  for (let run = 0; run < runs; run++) {
    // Alternate which build goes first, so neither always follows the other.
    const order = dirs.map((_, i) => i);
    if (run % 2) order.reverse();
    for (const i of order) {
      const context = await browser.newContext();
      const page = await context.newPage();
      if (mbps > 0) {
        const cdp = await context.newCDPSession(page);
        const bytesPerSecond = (mbps * 1e6) / 8;
        await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: rtt, downloadThroughput: bytesPerSecond, uploadThroughput: bytesPerSecond });
      }
      await page.goto(`${servers[i].origin}/#/crosswalk/tsc`);
      await page.waitForFunction(() => performance.getEntriesByName("crosswalk:explorer-rendered").length > 0, null, { timeout: 120000 });
      times[i].push(await page.evaluate(() => performance.getEntriesByName("crosswalk:explorer-rendered")[0].startTime));
      await context.close();
    }
  }
} finally {
  await browser.close();
  await Promise.all(servers.map((server) => server.close()));
}

const network = mbps > 0 ? `${mbps} Mbit/s, ${rtt} ms round trip, gzipped` : "localhost, unthrottled";
console.log(`first render, ${runs} interleaved runs per build (${network})`);
dirs.forEach((dir, i) => {
  const paired = i === 0 ? "" : `  paired difference against ${dirs[0]}: ${median(times[i].map((t, k) => t - times[0][k])).toFixed(1)} ms`;
  console.log(`${dir}: median ${median(times[i]).toFixed(1)} ms${paired}`);
});
