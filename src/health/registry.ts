import type { HealthRule } from './rule.js';
import { RULES } from './rules/index.js';

/** Metadata of every health check that can produce a finding. */
export const HEALTH_RULES: readonly HealthRule[] = RULES;

const BY_ID = new Map(HEALTH_RULES.map((r) => [r.id, r]));

const BY_CHECK = new Map(HEALTH_RULES.filter((r) => r.failedCheck).map((r) => [r.failedCheck!, r]));

/** The rule a failed scored check is reported under, when per-location findings do not already explain it. */
export function ruleForCheck(checkId: string): HealthRule | undefined {
  return BY_CHECK.get(checkId);
}

export function healthRule(id: string): HealthRule | undefined {
  return BY_ID.get(id);
}

/**
 * A `# noqa` or `# nosec` on the finding's line silences it: a bare one silences every rule, one with
 * codes silences the rules those codes (or the rule's own id, `# noqa: health.eval-exec`) name.
 */
export function isSuppressed(rule: string, noqa: { line: number; codes: string[] }[] | undefined, line: number): boolean {
  const hit = noqa?.find((n) => n.line === line);
  if (!hit) return false;
  if (!hit.codes.length) return true;
  const codes = healthRule(rule)?.codes ?? [];
  return hit.codes.some((c) => codes.includes(c));
}
