/** Severities from most to least serious. `unknown` is a vulnerability whose record has no CVSS vector. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'unknown', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** `--fail-on` threshold: a severity, or `none` to never fail. */
export type FailOn = Severity | 'none';

// `unknown` ranks with `medium`: an unscored advisory is still an advisory, but we do not
// guess that it is high. Documented in the README under "Exit codes".
const RANK: Record<Severity, number> = { critical: 5, high: 4, medium: 3, unknown: 3, low: 2, info: 1 };

export function severityRank(s: Severity): number {
  return RANK[s];
}

export function isSeverity(s: string): s is Severity {
  return (SEVERITIES as readonly string[]).includes(s);
}

export function atOrAbove(s: Severity, threshold: FailOn): boolean {
  if (threshold === 'none') return false;
  return RANK[s] >= RANK[threshold];
}

/** Sort comparator: most serious first. */
export function bySeverity(a: Severity, b: Severity): number {
  return RANK[b] - RANK[a] || SEVERITIES.indexOf(a) - SEVERITIES.indexOf(b);
}
