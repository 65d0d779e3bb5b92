import type { DependencyKind } from './types.js';
import { normalizeName } from './names.js';

/** A PEP 508 requirement, split into its parts. */
export interface Requirement {
  /** As written; normalize with normalizeName for matching. */
  rawName: string;
  name: string;
  extras: string[];
  /** Version specifier without parentheses or spaces, e.g. `>=1.0,<2`; '' when none. */
  specifier: string;
  markers: string | null;
  /** `name @ url` */
  url: string | null;
}

const HEAD_RE = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([^\]]*)\])?\s*/;
const CLAUSE_RE = /^(===|~=|==|!=|<=|>=|<|>)\s*[A-Za-z0-9_.*+!-]+$/;

/** Split a marker off at the first `;` that is not inside a URL (PEP 508 needs a space before it after a URL). */
function splitMarker(rest: string, afterUrl: boolean): [string, string | null] {
  const re = afterUrl ? /\s;\s*/ : /;\s*/;
  const m = re.exec(rest);
  if (!m) return [rest.trim(), null];
  return [rest.slice(0, m.index).trim(), rest.slice(m.index + m[0].length).trim() || null];
}

/** Parse one PEP 508 requirement string; an Error's message says what is wrong. */
export function parseRequirement(text: string): Requirement | Error {
  const head = HEAD_RE.exec(text);
  if (!head) return new Error(`not a requirement: ${clip(text)}`);
  const rawName = head[1]!;
  const extras = (head[2] ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  let rest = text.slice(head[0].length);
  if (rest.startsWith('@')) {
    const [url, markers] = splitMarker(rest.slice(1), true);
    if (!url) return new Error(`missing URL after "@" in ${clip(text)}`);
    return { rawName, name: normalizeName(rawName), extras, specifier: '', markers, url };
  }
  const [spec, markers] = splitMarker(rest, false);
  rest = spec.trim();
  if (rest.startsWith('(') && rest.endsWith(')')) rest = rest.slice(1, -1);
  const clauses = rest
    .split(',')
    .map((c) => c.replace(/\s+/g, ''))
    .filter(Boolean);
  for (const c of clauses) if (!CLAUSE_RE.test(c)) return new Error(`invalid version specifier "${c}" in ${clip(text)}`);
  if (rest.trim() && !clauses.length) return new Error(`invalid version specifier in ${clip(text)}`);
  return { rawName, name: normalizeName(rawName), extras, specifier: clauses.join(','), markers, url: null };
}

/** The exact version a PEP 440 specifier pins (`==X` without wildcard, or `===X`), else null. */
export function pinnedVersion(specifier: string): string | null {
  for (const c of specifier.split(',')) {
    const m = /^(===|==)([^*]+)$/.exec(c.trim());
    if (m) return m[2]!;
  }
  return null;
}

export function kindOfUrl(url: string): DependencyKind {
  if (/^(git|hg|svn|bzr)\+/i.test(url)) return 'vcs';
  if (/^file:/i.test(url) || !/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return 'path';
  return 'url';
}

/** pinned when an exact version is named; range when any other clause; unpinned when none. */
export function kindOfSpecifier(specifier: string): DependencyKind {
  if (!specifier) return 'unpinned';
  return pinnedVersion(specifier) ? 'pinned' : 'range';
}

/** Name and version from `#egg=name`, or a wheel/sdist file name; null when the URL does not tell. */
export function nameFromUrl(url: string): { name: string; version: string | null } | null {
  const egg = /[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(url);
  if (egg) return { name: egg[1]!.replace(/-\d.*$/, ''), version: null };
  const file = url.replace(/[#?].*$/, '').replace(/^.*\//, '');
  const wheel = /^([A-Za-z0-9._]+)-([0-9][^-]*)-.*\.whl$/i.exec(file);
  if (wheel) return { name: wheel[1]!, version: wheel[2]! };
  const sdist = /^(.+?)-([0-9][A-Za-z0-9.!+_]*)\.(tar\.gz|tgz|tar\.bz2|zip)$/i.exec(file);
  if (sdist) return { name: sdist[1]!, version: sdist[2]! };
  return null;
}

/** The dependency fields of a parsed PEP 508 requirement; a `name @ url` of a release archive keeps its version. */
export function fromRequirement(r: Requirement): {
  name: string;
  specifier: string;
  version: string | null;
  kind: DependencyKind;
  extras: string[];
  markers: string | null;
} {
  const base = { name: r.name, extras: r.extras, markers: r.markers };
  if (!r.url) return { ...base, specifier: r.specifier, version: pinnedVersion(r.specifier), kind: kindOfSpecifier(r.specifier) };
  const kind = kindOfUrl(r.url);
  const archive = kind === 'url' ? nameFromUrl(r.url) : null;
  const version = archive && normalizeName(archive.name) === r.name ? archive.version : null;
  return { ...base, specifier: `@ ${r.url}`, version, kind };
}

function clip(s: string): string {
  const t = s.trim();
  return t.length > 80 ? `${t.slice(0, 79)}…` : t;
}
