import type { Workspace } from '../../sources/workspace.js';
import type { Evidence, HealthCategory, HealthCheck } from '../types.js';

/** A check result plus the rule its failure is reported under when no per-location finding covers it. */
export interface CheckResult extends HealthCheck {
  /** Per-location findings already explain this check's lost points: no extra check-level finding. */
  coveredByFindings?: boolean;
}

/** 10 → pass, 5–9 → warn, below 5 → fail. Scores are rounded to one decimal. */
export function check(
  id: string,
  category: HealthCategory,
  score: number,
  evidence: Evidence[],
  remediation: string,
  opts: { skip?: boolean; coveredByFindings?: boolean } = {},
): CheckResult {
  const s = Math.round(Math.max(0, Math.min(10, score)) * 10) / 10;
  const status = opts.skip ? 'skip' : s >= 10 ? 'pass' : s >= 5 ? 'warn' : 'fail';
  const r: CheckResult = { id, category, score: opts.skip ? 0 : s, status, evidence, remediation };
  if (opts.coveredByFindings) r.coveredByFindings = true;
  return r;
}

/** Root-level files by lower-cased name, and helpers to find config text. */
export class TreeIndex {
  readonly paths: string[];
  private readonly lower: Map<string, string[]>;
  constructor(readonly ws: Workspace) {
    this.paths = ws.files.map((f) => f.path);
    this.lower = new Map();
    for (const p of this.paths) {
      const k = p.toLowerCase();
      const l = this.lower.get(k);
      if (l) l.push(p);
      else this.lower.set(k, [p]);
    }
  }
  /** First existing path among candidates (case-insensitive). */
  find(...candidates: string[]): string | null {
    for (const c of candidates) {
      const hit = this.lower.get(c.toLowerCase());
      if (hit) return hit[0]!;
    }
    return null;
  }
  /** Paths matching a regex (tested on the real path). */
  match(re: RegExp): string[] {
    return this.paths.filter((p) => re.test(p));
  }
  text(p: string | null): string | null {
    return p ? this.ws.text(p) : null;
  }
}

/** 1-based line of the first match of `re` in `text`, or undefined. */
export function lineOf(text: string, re: RegExp): number | undefined {
  const m = re.exec(text);
  if (!m) return undefined;
  let line = 1;
  for (let i = 0; i < m.index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
