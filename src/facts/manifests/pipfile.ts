import { normalizeName } from './names.js';
import { kindOfSpecifier, pinnedVersion } from './requirement.js';
import type { DependencyKind } from './types.js';
import { isTable, openToml } from './toml-lines.js';
import type { ManifestParser, ParsedDependency, ParseResult } from './types.js';
import { basename, emptyResult } from './types.js';

// Pipfile tables that are not package categories.
const NOT_CATEGORIES = new Set(['source', 'requires', 'scripts', 'pipenv', 'dev-packages', 'packages']);

export function pipenvGroup(category: string): string {
  return category === 'packages' || category === 'default' ? 'main' : category === 'dev-packages' || category === 'develop' ? 'dev' : category;
}

/** A Pipfile/Pipfile.lock entry: `"*"`, `"==1.0"`, or a table with version/git/path/file/editable/extras/markers. */
export function pipenvEntry(name: string, v: unknown, group: string, line: number): ParsedDependency | Error {
  const base = { name: normalizeName(name), group, line };
  const spec = (s: string) => {
    const t = s.trim().replace(/\s+/g, '');
    if (t === '*' || t === '') return { specifier: '', version: null, kind: 'unpinned' as DependencyKind };
    // A bare version is an exact pin, as pipenv reads it.
    const norm = /^\d/.test(t) ? `==${t}` : t;
    return { specifier: norm, version: pinnedVersion(norm), kind: kindOfSpecifier(norm) };
  };
  if (typeof v === 'string') return { ...base, ...spec(v) };
  if (!isTable(v)) return new Error('expected a version string or a table');
  const extras = Array.isArray(v.extras) ? v.extras.filter((e): e is string => typeof e === 'string') : [];
  const markers = typeof v.markers === 'string' ? v.markers : null;
  const editable = v.editable === true;
  if (typeof v.git === 'string') {
    const ref = typeof v.ref === 'string' ? `@${v.ref}` : '';
    return { ...base, extras, markers, specifier: `git+${v.git.replace(/^git\+/, '')}${ref}`, version: null, kind: editable ? 'editable' : 'vcs' };
  }
  if (typeof v.path === 'string') return { ...base, extras, markers, specifier: v.path, version: null, kind: editable ? 'editable' : 'path' };
  if (typeof v.file === 'string') return { ...base, extras, markers, specifier: v.file, version: null, kind: /^https?:/i.test(v.file) ? 'url' : 'path' };
  return { ...base, extras, markers, ...spec(typeof v.version === 'string' ? v.version : '*') };
}

export const pipfileParser: ManifestParser = {
  id: 'pipfile',
  matches: (p) => basename(p) === 'Pipfile',
  parse(text) {
    const out = emptyResult();
    const toml = openToml(text, out.errors);
    if (!toml) return out;
    const { data, lines } = toml;
    const cats = ['packages', 'dev-packages', ...Object.keys(data).filter((k) => !NOT_CATEGORIES.has(k))];
    for (const cat of cats) {
      const table = data[cat];
      if (!isTable(table)) continue;
      const range = lines.locate([cat]);
      for (const [name, v] of Object.entries(table)) {
        const line = (range && (lines.key(range, name) ?? lines.table([cat, name])?.start)) || range?.start || 1;
        const dep = pipenvEntry(name, v, pipenvGroup(cat), line);
        if (dep instanceof Error) out.errors.push({ line, reason: `${name}: ${dep.message}` });
        else out.dependencies.push(dep);
      }
    }
    return out;
  },
};

/** The line of `"key": {` at or after `from`, as pipenv writes its lock (one key per line). */
function jsonKeyLine(lines: string[], key: string, from: number): number | null {
  const needle = `${JSON.stringify(key)}:`;
  for (let i = Math.max(0, from - 1); i < lines.length; i++) if (lines[i]!.replace(/\s+/g, '').startsWith(needle)) return i + 1;
  return null;
}

export const pipfileLockParser: ManifestParser = {
  id: 'pipfile-lock',
  matches: (p) => basename(p) === 'Pipfile.lock',
  parse(text) {
    const out: ParseResult = emptyResult();
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (err) {
      const pos = /position (\d+)/.exec((err as Error).message);
      const line = pos ? text.slice(0, Number(pos[1])).split('\n').length : 1;
      out.errors.push({ line, reason: `invalid JSON: ${(err as Error).message}` });
      return out;
    }
    if (!isTable(doc)) {
      out.errors.push({ line: 1, reason: 'Pipfile.lock must be a JSON object' });
      return out;
    }
    const lines = text.split(/\r?\n/);
    for (const [cat, table] of Object.entries(doc)) {
      if (cat.startsWith('_') || !isTable(table)) continue;
      const catLine = jsonKeyLine(lines, cat, 1) ?? 1;
      for (const [name, v] of Object.entries(table)) {
        const line = jsonKeyLine(lines, name, catLine) ?? catLine;
        const dep = pipenvEntry(name, v, pipenvGroup(cat), line);
        if (dep instanceof Error) out.errors.push({ line, reason: `${name}: ${dep.message}` });
        else if (dep.kind === 'range' || dep.kind === 'unpinned') out.errors.push({ line, reason: `${name}: locked without an exact version` });
        else out.dependencies.push(dep);
      }
    }
    return out;
  },
};
