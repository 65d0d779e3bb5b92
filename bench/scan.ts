import { defaultConfig } from '../src/config/config.js';
import { runScan, type Section } from '../src/pipeline/scan.js';
import { fmt, stdlibPath, timeMs } from './common.js';

/**
 * `pyvet scan` on the stdlib tree, with each phase's share, against the commands run separately:
 * one scan shares one walk of the tree and one parse of each file, so it must cost less than the sum.
 * Compared twice: deps+secrets+health against the three commands, and the full scan (with the brief)
 * against the four.
 */
export async function benchScan(): Promise<Record<string, unknown>> {
  const root = stdlibPath();
  const config = defaultConfig();
  // The stdlib is not a project: its site-packages is someone else's code.
  config.exclude = ['site-packages/', '__pycache__/'];
  const scan = (sections: Section[]) => runScan({ root, sections, config, history: false, db: null, baseline: null });

  const all = await timeMs(() => scan(['deps', 'secrets', 'health', 'brief']));
  const three = await timeMs(() => scan(['deps', 'secrets', 'health']));
  const separate: Record<string, number> = {};
  for (const s of ['deps', 'secrets', 'health', 'brief'] as Section[]) separate[s] = (await timeMs(() => scan([s]))).ms;
  const sum3 = separate.deps! + separate.secrets! + separate.health!;
  const sum4 = sum3 + separate.brief!;
  const phases = all.value.summary.phases;
  console.log(`scan on ${root}: ${all.value.summary.files} files in ${fmt(all.ms / 1000, 2)} s`);
  for (const [name, ms] of Object.entries(phases)) console.log(`  ${name.padEnd(8)} ${fmt(ms / 1000, 2)} s  ${fmt((ms / all.ms) * 100)}%`);
  console.log(`separately: ${Object.entries(separate).map(([k, v]) => `${k} ${fmt(v / 1000, 2)} s`).join(', ')}`);
  console.log(`deps+secrets+health in one scan ${fmt(three.ms / 1000, 2)} s / the three commands ${fmt(sum3 / 1000, 2)} s = ${fmt(three.ms / sum3, 2)} (target < 1)`);
  console.log(`full scan with the brief ${fmt(all.ms / 1000, 2)} s / the four commands ${fmt(sum4 / 1000, 2)} s = ${fmt(all.ms / sum4, 2)} (target < 1)`);
  return {
    files: all.value.summary.files,
    scanMs: Math.round(all.ms),
    phases,
    threeInOneMs: Math.round(three.ms),
    separateMs: separate,
    ratioThree: three.ms / sum3,
    ratioFour: all.ms / sum4,
  };
}
