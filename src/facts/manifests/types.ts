/** How a dependency is given: its version pinned, a range, none, or a URL / VCS / editable / path source. */
export type DependencyKind = 'pinned' | 'range' | 'unpinned' | 'url' | 'vcs' | 'editable' | 'path';
import { fromRequirement, parseRequirement } from './requirement.js';

/** One requirement a parser found, before matching. */
export interface ParsedDependency {
  /** PEP 503-normalized. */
  name: string;
  specifier: string;
  version: string | null;
  kind: DependencyKind;
  group: string;
  /** 1-based line in `path`. */
  line: number;
  /** The file it was read from, when not the file being parsed (an included requirements file). */
  path?: string;
  extras?: string[];
  markers?: string | null;
  /**
   * Poetry `^`/`~` and bare versions, rewritten as a PEP 440 specifier so a range can be checked
   * against advisories; absent when `specifier` already is PEP 440.
   */
  pep440?: string | null;
  /** Format id when it differs from the parser's own (pyproject-pep621, pyproject-poetry…). */
  source?: string;
  /** From a `-c` constraints file: it pins the version of a requirement declared elsewhere. */
  constraint?: boolean;
}

/** Something a parser read but could not audit (an option line, `python`), or could not read (a bad line). */
export interface Note {
  line: number;
  reason: string;
  /** When the note is about an included file rather than the parsed one. */
  path?: string;
}

export interface ParseResult {
  dependencies: ParsedDependency[];
  /** Read and deliberately left out: not a package, or not auditable. */
  skipped: Note[];
  /** Malformed input: reported in the scan's `errors`. */
  errors: Note[];
  /** Files this one pulls in (requirements `-r`/`-c`), relative to the root. */
  includes?: string[];
  /**
   * The package this manifest publishes (`[project] name`, `[tool.poetry] name`, `setup(name=…)`,
   * setup.cfg `[metadata] name`): a project with it is published, and its own name is never a dependency.
   */
  project?: { name: string; line: number };
}

export interface ParseContext {
  /** Read another file (relative to the scanned root, '/'-separated); null text with a reason when unreadable. */
  read(relPath: string): { text: string } | { error: string };
  /** Files already parsed in this run: an include of one of them is not read twice. */
  parsed: Set<string>;
}

/** One manifest format. */
export interface ManifestParser {
  id: string;
  /** Receives the path relative to the root, '/'-separated. */
  matches(path: string): boolean;
  parse(text: string, path: string, ctx: ParseContext): ParseResult;
}

export function emptyResult(): ParseResult {
  return { dependencies: [], skipped: [], errors: [] };
}

export function basename(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? p : p.slice(i + 1);
}

export function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

/**
 * Parse one PEP 508 requirement string into `out`: the dependency (returned, so a caller can add to
 * it) or, when it does not parse, an error at its line.
 */
export function addRequirement(out: ParseResult, text: string, line: number, fields: Pick<ParsedDependency, 'group' | 'source'>): ParsedDependency | null {
  const r = parseRequirement(text);
  if (r instanceof Error) {
    out.errors.push({ line, reason: r.message });
    return null;
  }
  const dep: ParsedDependency = { ...fromRequirement(r), ...fields, line };
  out.dependencies.push(dep);
  return dep;
}
