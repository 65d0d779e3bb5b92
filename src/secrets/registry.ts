import type { RuleMeta } from '../core/rule.js';
import { RULES } from './rules/index.js';

/** Metadata of every secret rule. */
export const SECRET_RULES: RuleMeta[] = RULES.map(({ id, severity, summary, docs }) => ({ id, severity, summary, docs }));
