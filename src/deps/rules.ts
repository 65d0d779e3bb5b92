import type { RuleMeta } from '../core/rule.js';

/** Rules of the dependency audit. */
export const DEPS_RULES: RuleMeta[] = [];
