import type { RuleMeta } from '../core/rule.js';

/** Metadata of every secret rule. */
export const SECRET_RULES: RuleMeta[] = [];
