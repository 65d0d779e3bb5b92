/**
 * Draw the hand-read sample of health findings: per repository, N findings above `info`, taken
 * round-robin over the rules that reported (rule order and the findings within each rule shuffled by
 * a generator seeded with the seed and the repository's name), so a rule with 900 findings does not
 * fill the sample, the draw repeats, and one repository's draw does not move when another's findings change.
 *
 *   node dist/bench/health-sample.js [--seed 29] [--per-repo 10] [--json] DIR|REPORT.json ...
 *
 * A DIR is reviewed with `pyvet health DIR --format json`; a REPORT.json is a report written earlier
 * (`pyvet health DIR --format json -o REPORT.json` or `pyvet scan … --format json`). Each line printed
 * is `repo  rule  severity  path:line  message`, ready to be read at its place and judged.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface ReportFinding {
  rule: string;
  severity: string;
  path: string;
  line: number;
  message: string;
}

export interface SampledFinding extends ReportFinding {
  repo: string;
}

/** A small linear congruential generator: the same seed draws the same sample on every machine. */
export function seeded(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return Math.floor((s / 2 ** 32) * n);
  };
}

function shuffle<T>(list: T[], rand: (n: number) => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rand(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** `count` non-info health findings of one report, one rule after another. */
export function sampleFindings(findings: ReportFinding[], count: number, rand: (n: number) => number): ReportFinding[] {
  const byRule = new Map<string, ReportFinding[]>();
  const eligible = findings
    .filter((f) => f.rule.startsWith('health.') && f.severity !== 'info')
    .sort((a, b) => (a.rule + a.path + a.line < b.rule + b.path + b.line ? -1 : 1));
  for (const f of eligible) {
    const list = byRule.get(f.rule);
    if (list) list.push(f);
    else byRule.set(f.rule, [f]);
  }
  const queues = shuffle([...byRule.keys()].sort(), rand).map((r) => shuffle(byRule.get(r)!, rand));
  const out: ReportFinding[] = [];
  while (out.length < count && queues.some((q) => q.length)) {
    for (const q of queues) {
      const f = q.shift();
      if (f && out.length < count) out.push(f);
    }
  }
  return out;
}

function report(target: string): { repo: string; findings: ReportFinding[] } {
  const bin = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'cli', 'bin.js');
  const text = statSync(target).isDirectory() ? execFileSync(process.execPath, [bin, 'health', target, '--format', 'json', '-q'], { encoding: 'utf8', maxBuffer: 1 << 30 }) : readFileSync(target, 'utf8');
  const doc = JSON.parse(text) as { root?: string; findings: ReportFinding[] };
  return { repo: path.basename(statSync(target).isDirectory() ? target : (doc.root ?? target)), findings: doc.findings };
}

function main(argv: string[]): void {
  let seed = 29;
  let perRepo = 10;
  let json = false;
  const targets: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--seed') seed = Number(argv[++i]);
    else if (a === '--per-repo') perRepo = Number(argv[++i]);
    else if (a === '--json') json = true;
    else targets.push(a);
  }
  const sample: SampledFinding[] = [];
  for (const t of targets) {
    const { repo, findings } = report(t);
    const rand = seeded([...repo].reduce((h, c) => Math.imul(h, 31) + c.charCodeAt(0), seed));
    for (const f of sampleFindings(findings, perRepo, rand)) sample.push({ repo, rule: f.rule, severity: f.severity, path: f.path, line: f.line, message: f.message });
  }
  if (json) process.stdout.write(JSON.stringify({ seed, perRepo, sample }, null, 2) + '\n');
  else for (const f of sample) process.stdout.write(`${f.repo}\t${f.rule}\t${f.severity}\t${f.path}:${f.line}\t${f.message.slice(0, 200)}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) main(process.argv.slice(2));
