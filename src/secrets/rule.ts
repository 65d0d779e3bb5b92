import type { RuleMeta } from '../core/rule.js';
import type { FileKind } from './file-kind.js';
import type { Assignment } from './assign.js';

/** One example of a rule: the text of a file named `file`; for bad ones, the 1-based line reported. */
export interface SecretExample {
  file?: string;
  text: string;
  line?: number;
  /** When the example holds secrets on several lines. */
  lines?: number[];
}

/** What a rule sees of the fragment it is scanning (a file, or the added lines of a file in one commit). */
export interface MatchContext {
  path: string;
  kind: FileKind;
  /** The whole fragment, for rules whose value spans lines (PEM bodies) or needs file context; decoded on first use. */
  readonly text: string;
  /** Offset in `text` where the matching line starts. */
  readonly lineStart: number;
  readonly line: string;
}

interface BaseRule extends RuleMeta {
  /** Lower-case words; a line is only handed to the rule when it contains one of them. */
  keywords: string[];
  /**
   * Case-sensitive regex source for the trigger pass over candidate lines, which decides the rules a
   * line wakes; start it at a rare character of the keyword (see triggers.ts). Rules that share a
   * trigger share its cost.
   */
  trigger: string;
  /**
   * Three-character regex sources (each a character, an escape or a class) of which every line the
   * trigger matches holds at least one: the needles of the SIMD line prefilter (prefilter.ts), which
   * decides the lines the trigger regex reads. Pick rare ones: each line they admit costs a regex run.
   */
  anchors: string[];
  examples: { bad: SecretExample[]; good: SecretExample[] };
  /** Why the value matters, in the finding's message: "GitHub token", "Django SECRET_KEY"... */
  label: string;
}

/** A rule that finds its secret with a regex over one line. */
export interface PatternRule extends BaseRule {
  kind: 'pattern';
  /** Global regex; the secret is the named group `s` (else the whole match). Must be linear-time. */
  pattern: RegExp;
  /** Return false to drop a match that is a decoy. */
  validate?: (value: string, ctx: MatchContext, match: RegExpExecArray) => boolean;
  /**
   * The value when it is not (only) the regex group: PEM bodies follow the BEGIN line. Returns null
   * when there is no real value (a header without a key). Offsets stay those of the match.
   */
  extract?: (match: RegExpExecArray, ctx: MatchContext) => string | null;
}

/** A rule that judges `name = value` assignments (Python, .env, YAML, JSON, INI/TOML, shell). */
export interface AssignmentRule extends BaseRule {
  kind: 'assignment';
  /** True: a secret. `'if-used'`: a secret only if the name is used as a key in code (see SecretHit.ifUsed). */
  accept: (a: Assignment, ctx: MatchContext) => boolean | 'if-used';
}

export type SecretRule = PatternRule | AssignmentRule;

/** Remediation every secret finding carries, before the rule's own advice. */
export const ROTATE = 'Revoke or rotate it now (removing it from the code does not un-leak it), then load it from the environment or a secret manager.';
