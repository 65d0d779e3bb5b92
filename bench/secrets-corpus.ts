/**
 * Precision and recall of the secrets scan on real repositories, against the hand labels in
 * bench/secrets-corpus.json (path, line, rule → real | fixture | false, per repository and commit).
 *
 *   node dist/bench/secrets-corpus.js [ROOT]     # ROOT holds the checkouts (default $PYVET_REAL_ROOT or /work/real)
 *
 * Each repository is scanned when `ROOT/<dir>` is checked out at the labelled commit
 * (git clone https://github.com/<repo> && git checkout <commit>); others are reported as skipped.
 * - precision at high+critical: findings at high or critical labelled real, over all findings there
 *   (an unlabelled finding there counts against it);
 * - recall: real labels found at high or critical;
 * - false alarms: findings at any severity on a line labelled false;
 * - samples: fixture labels found at low/info (expected) or above (a regression).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultConfig } from '../src/config/config.js';
import { Workspace } from '../src/sources/workspace.js';
import { scanSecrets } from '../src/secrets/index.js';

type Label = 'real' | 'fixture' | 'false';
interface Entry {
  path: string;
  line: number;
  rule: string;
  label: Label;
  note?: string;
}
interface Corpus {
  repos: { repo: string; dir: string; commit: string; labels: Entry[] }[];
}

export interface CorpusScore {
  scanned: string[];
  skipped: string[];
  highCritical: number;
  truePositives: number;
  precision: number | null;
  realLabels: number;
  realFound: number;
  recall: number | null;
  falseAlarms: string[];
  samplesLow: number;
  samplesHigh: string[];
  unlabelledHigh: string[];
}

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The labels file, beside this script in the source tree (dist/bench → bench). */
const CORPUS = path.resolve(HERE, '../../bench/secrets-corpus.json');

function head(dir: string): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

export async function scoreCorpus(root = process.env.PYVET_REAL_ROOT ?? '/work/real'): Promise<CorpusScore> {
  const corpus = JSON.parse(readFileSync(CORPUS, 'utf8')) as Corpus;
  const s: CorpusScore = {
    scanned: [], skipped: [], highCritical: 0, truePositives: 0, precision: null, realLabels: 0, realFound: 0, recall: null,
    falseAlarms: [], samplesLow: 0, samplesHigh: [], unlabelledHigh: [],
  };
  for (const r of corpus.repos) {
    const dir = path.join(root, r.dir);
    if (!existsSync(dir) || head(dir) !== r.commit) {
      s.skipped.push(`${r.repo} (${existsSync(dir) ? 'not at ' + r.commit.slice(0, 10) : 'not checked out'})`);
      continue;
    }
    s.scanned.push(r.repo);
    const ws = new Workspace(dir, defaultConfig());
    const { findings } = await scanSecrets(ws, { history: false, baseline: null });
    const key = (p: string, line: number, rule: string) => `${p}:${line}:${rule}`;
    const labels = new Map(r.labels.map((e) => [key(e.path, e.line, e.rule), e]));
    const high = new Set<string>();
    for (const f of findings) {
      const k = key(f.path, f.line, f.rule);
      const e = labels.get(k);
      const isHigh = f.severity === 'high' || f.severity === 'critical';
      const where = `${r.dir}/${f.path}:${f.line} ${f.rule} (${f.severity})`;
      if (isHigh) {
        s.highCritical++;
        high.add(k);
        if (e?.label === 'real') s.truePositives++;
        else if (!e) s.unlabelledHigh.push(where);
      }
      if (e?.label === 'false') s.falseAlarms.push(where);
      if (e?.label === 'fixture') {
        if (isHigh) s.samplesHigh.push(where);
        else s.samplesLow++;
      }
    }
    for (const e of r.labels) {
      if (e.label !== 'real') continue;
      s.realLabels++;
      if (high.has(key(e.path, e.line, e.rule))) s.realFound++;
    }
  }
  s.precision = s.highCritical ? Math.round((s.truePositives / s.highCritical) * 1000) / 1000 : null;
  s.recall = s.realLabels ? Math.round((s.realFound / s.realLabels) * 1000) / 1000 : null;
  return s;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const s = await scoreCorpus(process.argv[2]);
  console.log(JSON.stringify(s, null, 2));
}
