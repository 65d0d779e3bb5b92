/**
 * `npm run bench [-- deps secrets health scan cli deps-cli health-cli scan-rss facts-pack hostile fleet]`: each benchmark prints its figures and
 * the reference measured in the same run (the raw read/unzip floor, secretlint, radon), then a JSON summary.
 * `deps-cli` runs only the whole-process `pyvet deps` pair of `cli` (257 pins vs the zip floor, target <= 1.5x).
 */
import { benchDeps } from './deps.js';
import { benchSecrets } from './secrets.js';
import { benchHealth } from './health.js';
import { benchScan } from './scan.js';
import { benchHostile } from './hostile.js';
import { benchCli, benchCliDeps, benchCliHealth, benchCliScan } from './cli.js';
import { benchFleet } from './fleet.js';
import { benchFactsPack } from './facts-pack.js';

const BENCHES: Record<string, () => Promise<Record<string, unknown>>> = {
  deps: benchDeps,
  secrets: benchSecrets,
  health: benchHealth,
  scan: benchScan,
  hostile: benchHostile,
  cli: benchCli,
  'deps-cli': benchCliDeps,
  'health-cli': benchCliHealth,
  'scan-rss': benchCliScan,
  'facts-pack': benchFactsPack,
  fleet: benchFleet,
};

async function run(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((a) => !Object.hasOwn(BENCHES, a));
  if (unknown.length) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')} (choose from ${Object.keys(BENCHES).join(', ')})`);
    process.exitCode = 2;
    return;
  }
  const names = asked.length ? asked : Object.keys(BENCHES);
  const results: Record<string, unknown> = {};
  for (const name of names) {
    console.log(`\n== ${name} ==`);
    results[name] = await BENCHES[name]!();
  }
  results.peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(`\npeak RSS of the benchmark process: ${results.peakRssMB} MB`);
  console.log(JSON.stringify(results, null, 2));
}

await run();
