import type { Severity } from './severity.js';

/** Documentation of a rule, in the shape ruff uses: what, why, example, fix. */
export interface RuleDocs {
  what: string;
  why: string;
  /** A short example that triggers the rule (fake values only). */
  example?: string;
  /** What to do instead. */
  fix: string;
  references?: string[];
}

/** Metadata every rule carries; `docs/rules.md` and SARIF rule descriptors are generated from it. */
export interface RuleMeta {
  id: string;
  severity: Severity;
  /** One line; SARIF shortDescription. */
  summary: string;
  docs: RuleDocs;
}
