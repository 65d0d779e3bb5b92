import type { RuleMeta } from '../core/rule.js';
import type { SmellFact } from '../python/facts.js';
import type { HealthContext, RuleHit } from './context.js';
import type { CheckResult } from './checks/model.js';

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
  /** Where the rule reports, read from the facts; rules without one are reported when their scored check fails. */
  check?: (ctx: HealthContext, rule: HealthRule) => RuleHit[];
  /** The scored check (`tests.present`) whose failure this rule reports, for rules that report no place of their own. */
  failedCheck?: string;
  /** A migration runs once and is never edited again: what this rule reports there is history, not debt (info, unscored). */
  historyInMigrations?: boolean;
}

/** A rule that reports the failure of a scored check and computes that check itself, from the facts. */
export interface ScoredRule extends HealthRule {
  failedCheck: string;
  score: (ctx: HealthContext, rule: HealthRule) => CheckResult;
}

export function defineScoredRule(r: ScoredRule): ScoredRule {
  return { ...r, ...defineHealthRule(r) };
}

/** An example tree holding one production module. */
export const py = (code: string): ExampleTree => ({ 'app/service.py': code });

/** A rule whose `codes` also appear in its docs, so docs/rules.md tells which `# noqa` codes silence it. */
export function defineHealthRule(r: HealthRule): HealthRule {
  if (!r.codes) return r;
  const references = [...(r.docs.references ?? []), `the same problem in ruff/flake8/bandit/pylint: ${r.codes.join(', ')} — \`# noqa\` or \`# nosec\` with any of them (or with ${r.id}) silences it`];
  return { ...r, docs: { ...r.docs, references } };
}

type Smell = SmellFact;
const smellsByRule = new WeakMap<HealthContext, Map<string, { path: string; smell: Smell }[]>>();

/** The check of a per-call smell: the places the Python facts layer tagged with the rule's id. */
export function smellHits(ctx: HealthContext, rule: HealthRule): RuleHit[] {
  // Sorted by rule once per scan, in file then line order: each of the ~30 smell rules used to filter every file.
  let byRule = smellsByRule.get(ctx);
  if (!byRule) {
    byRule = new Map();
    for (const f of ctx.files) {
      for (const smell of f.health.smells ?? []) {
        let list = byRule.get(smell.rule);
        if (!list) byRule.set(smell.rule, (list = []));
        list.push({ path: f.path, smell });
      }
    }
    smellsByRule.set(ctx, byRule);
  }
  return (byRule.get(rule.id) ?? []).map(({ path, smell: s }) => ({ path, line: s.line, message: `${rule.summary} (in ${s.scope})`, detail: `${s.scope}\u0000${s.snippet}`, extra: { column: s.column, evidence: s.snippet } }));
}

/** The check of a container rule: the smells the Dockerfile reader tagged with the rule's id. */
export function dockerHits(ctx: HealthContext, rule: HealthRule): RuleHit[] {
  return ctx.docker.smells.filter((s) => s.rule === rule.id).map((s) => ({ path: s.path, line: s.line, message: s.message, detail: s.detail }));
}
