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
