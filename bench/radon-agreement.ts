/**
 * Agreement of pyvet's cyclomatic complexity and maintainability index with radon 5 on real code:
 * the standard library and the site-packages of this machine (or the folders given as arguments).
 *
 *   node dist/bench/radon-agreement.js [DIR…] [--mismatches N]
 *
 * Runs `/usr/bin/radon cc -j --show-closures` on each folder and compares every function row
 * (path, def line, name). With --mi also `radon mi -j -s` (slow: radon's raw tokenizer is quadratic on
 * long files; about 15 minutes on the standard library) and compares each module's MI to 0.005.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeSource } from '../src/python/analyze.js';
import { functionsOf } from '../src/python/functions.js';

interface RadonBlock {
  type: string;
  name: string;
  classname?: string;
  lineno: number;
  complexity: number;
  methods?: RadonBlock[];
  closures?: RadonBlock[];
}

const RADON = '/usr/bin/radon';

function pythonPaths(): { stdlib: string; purelib: string } | null {
  try {
    const out = execFileSync('python3', ['-c', 'import sysconfig,json;p=sysconfig.get_paths();print(json.dumps([p["stdlib"],p["purelib"]]))'], { encoding: 'utf8' });
    const [stdlib, purelib] = JSON.parse(out) as [string, string];
    return { stdlib, purelib };
  } catch {
    return null;
  }
}

function radonJson(args: string[]): Record<string, unknown> {
  const out = execFileSync(RADON, args, { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
  return JSON.parse(out) as Record<string, unknown>;
}

/** radon's --show-closures rows, flattened the way pyvet names them. */
function radonRows(blocks: RadonBlock[]): Map<string, number> {
  const rows = new Map<string, number>();
  for (const b of blocks) {
    if (b.type === 'class') continue;
    const name = b.classname ? `${b.classname}.${b.name}` : b.name;
    rows.set(`${b.lineno}\u0000${name}`, b.complexity);
  }
  return rows;
}

export interface Agreement {
  dir: string;
  files: number;
  radonErrors: number;
  functions: number;
  sameCc: number;
  missing: number;
  extra: number;
  ccAgreement: number;
  modules: number;
  sameMi: number;
  miAgreement: number;
  mismatches: string[];
}

export function agreement(dir: string, keepMismatches = 20, exclude = ['site-packages'], withMi = false): Agreement {
  const excludeArgs = exclude.length ? ['-e', exclude.map((e) => `*/${e}/*`).join(',')] : [];
  const cc = radonJson(['cc', '-j', '--show-closures', ...excludeArgs, dir]);
  const mi = withMi ? radonJson(['mi', '-j', '-s', ...excludeArgs, dir]) : {};
  const res: Agreement = { dir, files: 0, radonErrors: 0, functions: 0, sameCc: 0, missing: 0, extra: 0, ccAgreement: 0, modules: 0, sameMi: 0, miAgreement: 0, mismatches: [] };
  for (const [file, value] of Object.entries(cc)) {
    if (!Array.isArray(value)) {
      res.radonErrors++;
      continue;
    }
    let source: string;
    try {
      source = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    res.files++;
    const facts = analyzeSource(source, path.relative(dir, file), 'm', false);
    const ours = new Map(functionsOf(facts.health.functions).map((f) => [`${f.line}\u0000${f.name}`, f.complexity]));
    const theirs = radonRows(value as RadonBlock[]);
    for (const [key, c] of theirs) {
      res.functions++;
      const o = ours.get(key);
      if (o === undefined) {
        res.missing++;
        if (res.mismatches.length < keepMismatches) res.mismatches.push(`${file}:${key.replace('\u0000', ' ')} missing (radon ${c})`);
      } else if (o === c) res.sameCc++;
      else if (res.mismatches.length < keepMismatches) res.mismatches.push(`${file}:${key.replace('\u0000', ' ')} pyvet ${o} radon ${c}`);
    }
    for (const key of ours.keys()) if (!theirs.has(key)) res.extra++;
    const m = mi[file] as { mi?: number } | undefined;
    if (typeof m?.mi === 'number') {
      res.modules++;
      if (facts.health.maintainability !== null && Math.abs(facts.health.maintainability - m.mi) < 0.005) res.sameMi++;
      else if (res.mismatches.length < keepMismatches) res.mismatches.push(`${file}: MI pyvet ${facts.health.maintainability} radon ${m.mi}`);
    }
  }
  res.ccAgreement = res.functions ? res.sameCc / res.functions : 1;
  res.miAgreement = res.modules ? res.sameMi / res.modules : 1;
  return res;
}

function main(): void {
  if (!existsSync(RADON)) {
    console.log(`radon-agreement: skipped, ${RADON} is not installed (apt-get install radon)`);
    return;
  }
  const args = process.argv.slice(2);
  const withMi = args.includes('--mi');
  if (withMi) args.splice(args.indexOf('--mi'), 1);
  const n = args.indexOf('--mismatches');
  const keep = n >= 0 ? Number(args.splice(n, 2)[1]) : 20;
  let dirs = args;
  if (!dirs.length) {
    const p = pythonPaths();
    if (!p) {
      console.log('radon-agreement: skipped, python3 is not available to locate the standard library');
      return;
    }
    dirs = [p.stdlib, p.purelib].filter((d) => existsSync(d));
  }
  for (const d of dirs) {
    const exclude = d.includes('site-packages') ? [] : ['site-packages'];
    const a = agreement(d, keep, exclude, withMi);
    console.log(
      `${d}: ${a.files} files (${a.radonErrors} radon could not parse), ${a.functions} functions: same CC ${a.sameCc} = ${(a.ccAgreement * 100).toFixed(2)}%` +
        ` (missing ${a.missing}, extra ${a.extra}); ${a.modules} modules: same MI ${a.sameMi} = ${(a.miAgreement * 100).toFixed(2)}%`,
    );
    for (const m of a.mismatches) console.log(`  ${m}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) main();
