import type { FileRole } from '../core/role.js';
import type { Severity } from '../core/severity.js';
import type { ValueContext } from './detect.js';
import { isPasswordName } from './names.js';

/**
 * Context decides severity, not only the match. A value in tests, fixtures, docs or examples, or in a
 * comment or docstring, is reported for the record at `low` (`info` for an obvious test password): a
 * reviewer would not rotate it. Production code, configuration, CI, build files, scripts and notebooks
 * keep the rule's severity, and so does a key the code uses (signs with, encrypts with, sets as
 * SECRET_KEY) in generated or vendored code, where the role guesses from a path or a header.
 */

/** Roles whose values are samples: never deployed, whatever they look like. */
const SAMPLE_ROLES: ReadonlySet<FileRole> = new Set(['test', 'fixture', 'docs', 'example']);
/** Roles that are not the project's own code, unless a key there is used by it. */
const FOREIGN_ROLES: ReadonlySet<FileRole> = new Set(['generated', 'vendored']);

/** How a reader names a role in a sentence: "in test code", "in test fixtures". */
export const ROLE_PHRASE: Record<FileRole, string> = {
  production: 'production code', test: 'test code', fixture: 'test fixtures', docs: 'documentation',
  example: 'examples', ci: 'CI configuration', build: 'build files', lock: 'lock files', migration: 'migrations',
  generated: 'generated code', vendored: 'vendored code', notebook: 'notebooks', script: 'scripts', config: 'configuration',
};

export interface ContextInput {
  rule: string;
  severity: Severity;
  role: FileRole;
  context?: ValueContext;
  name?: string;
  value?: string;
  /** Tree hits carry no raw value (so the cache never holds one): whether it looked like a test password. */
  testLike?: boolean;
  /** How the code uses the value as a key, when it does ("passed to jwt.encode()"). */
  used?: string;
}

export interface ContextVerdict {
  severity: Severity;
  /** Why the severity is lower than the rule's, for the message; null when it is not. */
  why: string | null;
}

// An obvious test password: a word, optionally with a few digits or a symbol (python, password1, Foo!bar).
const TEST_PASSWORD = /^[A-Za-z]{1,16}[0-9]{0,4}[!?.#@$]?$/;

/** `python`, `secret123`, `Passw0rd!`: a word and a few digits, what tests use as a password. */
export function looksLikeTestPassword(value: string): boolean {
  return TEST_PASSWORD.test(value);
}

/** The severity a secret finding gets where it sits. */
export function contextSeverity(c: ContextInput): ContextVerdict {
  if (c.severity === 'low' || c.severity === 'info') return { severity: c.severity, why: null };
  if (SAMPLE_ROLES.has(c.role)) {
    const obvious = (c.role === 'test' || c.role === 'fixture') && c.rule === 'secret.generic-credential' && !!c.name && isPasswordName(c.name) && (c.testLike ?? (c.value !== undefined && TEST_PASSWORD.test(c.value)));
    return { severity: obvious ? 'info' : 'low', why: `a value in ${ROLE_PHRASE[c.role]}` };
  }
  if (c.context) return { severity: 'low', why: `a value in a ${c.context}` };
  if (FOREIGN_ROLES.has(c.role) && !c.used) return { severity: 'low', why: `a value in ${ROLE_PHRASE[c.role]}` };
  return { severity: c.severity, why: null };
}
