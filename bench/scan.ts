import { defaultConfig } from '../src/config/config.js';
import { runScan, type Section } from '../src/pipeline/scan.js';
import { fmt, stdlibPath, timeMs } from './common.js';

/**
 * `pyvet scan` on the stdlib tree, with each phase's share, against the three commands run separately
 * (deps, secrets, health): the single scan shares one walk and one parse, so it must cost less than the sum.
 */
export async function benchScan(): Promise<Record<string, unknown>> {
  const root = stdlibPath();
  const config = defaultConfig();
  // The stdlib is not a project: its site-packages is someone else's code.
  config.exclude = ['site-packages/', '__pycache__/'];
  const scan = (sections: Section[]) => runScan({ root, sections, config, history: false, db: null, baseline: null });

  const all = await timeMs(() => scan(['deps', 'secrets', 'health', 'brief']));
  const separate: Record<string, number> = {};
  for (const s of ['deps', 'secrets', 'health'] as Section[]) separate[s] = (await timeMs(() => scan([s]))).ms;
  const sum = Object.values(separate).reduce((a, b) => a + b, 0);
  const phases = all.value.summary.phases;
  const total = all.ms;
  console.log(`scan (deps+secrets+health+brief) on ${root}: ${all.value.summary.files} files in ${fmt(total / 1000, 2)} s`);
  for (const [name, ms] of Object.entries(phases)) console.log(`  ${name.padEnd(8)} ${fmt(ms / 1000, 2)} s  ${fmt((ms / total) * 100)}%`);
  console.log(`separately: ${Object.entries(separate).map(([k, v]) => `${k} ${fmt(v / 1000, 2)} s`).join(', ')}; sum ${fmt(sum / 1000, 2)} s`);
  console.log(`one scan / sum of separate commands: ${fmt(total / sum, 2)} (target < 1)`);
  return { files: all.value.summary.files, scanMs: Math.round(total), phases, separateMs: separate, sumMs: Math.round(sum), ratio: total / sum };
}
