import crypto from 'node:crypto';
import type { Severity } from './severity.js';
import type { FileRole } from './role.js';

export type Category = 'deps' | 'secrets' | 'health';

/** The one shape every check reports. Reporters and the history store only ever see this. */
export interface Finding {
  /** Rule id: domain then a kebab-case name of the problem, e.g. `deps.vulnerable`, `secret.aws-access-key`. */
  rule: string;
  severity: Severity;
  /** Relative to the scanned root, '/'-separated. */
  path: string;
  /** 1-based. */
  line: number;
  column?: number;
  endLine?: number;
  message: string;
  remediation: string;
  /** Short supporting text: the offending line (redacted for secrets), a metric, a path through a cycle. */
  evidence?: string;
  /**
   * Stable across edits elsewhere in the file: a hash of the rule and what identifies the problem, no line
   * numbers (deps: rule + path + package + advisory; health: rule + path + detail; secrets: rule + value, so a
   * secret keeps its identity when moved and across history).
   */
  fingerprint: string;
  /** Secrets only: a short prefix then a mask; never the secret. */
  redacted?: string;
  /** History findings: full commit SHA and author date (ISO 8601). */
  commit?: string;
  date?: string;
  /** The role of the file the finding sits in (production, test, fixture, docs…), set once by post-processing. */
  role?: FileRole;
  /** Extra structured data a rule wants to carry (advisory ids, fix versions…). Must be JSON-safe. */
  data?: Record<string, unknown>;
}

export function categoryOf(rule: string): Category {
  if (rule.startsWith('deps.')) return 'deps';
  if (rule.startsWith('secret')) return 'secrets';
  return 'health';
}

/**
 * One-shot hashing (Node >= 20.12) costs a quarter of a Hash object per call, and a report may carry
 * thousands of fingerprints; older Node 20 releases build the object.
 */
const sha256Hex: (s: string) => string =
  typeof crypto.hash === 'function' ? (s) => crypto.hash('sha256', s, 'hex') : (s) => crypto.createHash('sha256').update(s).digest('hex');

/** A stable fingerprint from the parts that identify a finding regardless of where it sits. */
export function fingerprint(...parts: string[]): string {
  return sha256Hex(parts.join('\u0000')).slice(0, 32);
}
