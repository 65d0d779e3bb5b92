import type { RuleMeta } from '../core/rule.js';
import { DEPS_RULES } from '../deps/rules.js';
import { SECRET_RULES } from '../secrets/registry.js';
import { HEALTH_RULES } from '../health/registry.js';

/** Every rule pyvet knows, for SARIF descriptors, docs/rules.md and `pyvet rules`. */
export function allRules(): RuleMeta[] {
  return [...DEPS_RULES, ...SECRET_RULES, ...HEALTH_RULES];
}

export function ruleById(id: string): RuleMeta | undefined {
  return allRules().find((r) => r.id === id);
}
