import type { RuleMeta } from '../core/rule.js';

/** A tree for an example: relative path → content. */
export type ExampleTree = Record<string, string>;

/** The scored check a per-call smell counts against (see reviewHealth). */
export type SmellScore = 'security' | 'error-handling' | 'quality';

/**
 * A health rule: metadata plus examples the registry test runs through the real analyzer
 * (`bad` trees must report the rule, `good` look-alikes must not). History rules need git
 * repositories and are exercised by test/health-history.test.ts instead.
 */
export interface HealthRule extends RuleMeta {
  examples?: { bad: ExampleTree[]; good: ExampleTree[] };
  /** The codes other linters give the same problem: `# noqa: <code>` / `# nosec <code>` on the line silences it here too. */
  codes?: string[];
  /** A code smell's scored check: security.dangerous-calls, security.error-handling or structure.code-smells. */
  scoredBy?: SmellScore;
}

/** An example tree holding one production module. */
export const py = (code: string): ExampleTree => ({ 'app/service.py': code });

/** A rule whose `codes` also appear in its docs, so docs/rules.md tells which `# noqa` codes silence it. */
export function defineHealthRule(r: HealthRule): HealthRule {
  if (!r.codes) return r;
  const references = [...(r.docs.references ?? []), `the same problem in ruff/flake8/bandit/pylint: ${r.codes.join(', ')} — \`# noqa\` or \`# nosec\` with any of them (or with ${r.id}) silences it`];
  return { ...r, docs: { ...r.docs, references } };
}
