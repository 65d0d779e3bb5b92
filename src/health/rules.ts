import type { RuleMeta } from '../core/rule.js';

/** Metadata of every health check that can produce a finding. */
export const HEALTH_RULES: RuleMeta[] = [];
