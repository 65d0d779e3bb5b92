import { normalizeName } from './names.js';
import { kindOfUrl } from './requirement.js';
import { poetryConstraint } from './poetry-spec.js';
import { isTable, openToml, type TomlLines } from './toml-lines.js';
import type { ManifestParser, ParsedDependency, ParseResult } from './types.js';
import { addRequirement, basename, emptyResult } from './types.js';

/** PEP 508 strings of one array, each located at its line (searched forward from the array's key). */
function pep508List(
  list: unknown,
  where: string,
  group: string,
  source: string,
  lines: TomlLines,
  range: { start: number; end: number } | null,
  key: string,
  out: ParseResult,
): void {
  const keyLine = range ? (lines.key(range, key) ?? range.start) : 1;
  const end = range?.end ?? lines.lines.length;
  if (!Array.isArray(list)) {
    out.errors.push({ line: keyLine, reason: `${where} must be an array of requirement strings` });
    return;
  }
  let cursor = keyLine;
  for (const item of list) {
    if (isTable(item) && typeof item['include-group'] === 'string') continue;
    if (typeof item !== 'string') {
      out.errors.push({ line: keyLine, reason: `${where}: not a requirement string: ${JSON.stringify(item)}` });
      continue;
    }
    const line = lines.literal(cursor, end, item) ?? keyLine;
    cursor = line;
    addRequirement(out, item, line, { group, source });
  }
}

/** PEP 735: check `include-group` references (unknown group, cycle); each requirement is reported once, in its own group. */
function checkIncludes(groups: Record<string, unknown>, lines: TomlLines, out: ParseResult): void {
  const norm = new Map(Object.keys(groups).map((g) => [normalizeName(g), g]));
  const range = lines.locate(['dependency-groups']);
  const visit = (g: string, chain: string[]): void => {
    const list = groups[g];
    if (!Array.isArray(list)) return;
    for (const item of list) {
      if (!isTable(item) || typeof item['include-group'] !== 'string') continue;
      const target = norm.get(normalizeName(item['include-group']));
      const line = (range && lines.literal(range.start, range.end, item['include-group'])) || (range?.start ?? 1);
      if (!target) out.errors.push({ line, reason: `dependency group "${g}" includes unknown group "${item['include-group']}"` });
      else if (chain.includes(target)) {
        out.errors.push({ line, reason: `dependency group include cycle: ${[...chain, target].join(' → ')}` });
      } else visit(target, [...chain, target]);
    }
  };
  for (const g of Object.keys(groups)) visit(g, [g]);
}

/** A Poetry dependency table: `name = "^1.2"`, `{ version, extras, markers, git, path, url }`, or a list of those. */
export function poetryDependencies(
  table: unknown,
  keys: string[],
  group: string,
  source: string,
  lines: TomlLines,
  out: ParseResult,
  skipPython: boolean,
): void {
  if (!isTable(table)) return;
  const range = lines.locate(keys);
  for (const [rawName, value] of Object.entries(table)) {
    const line = (range && (lines.key(range, rawName) ?? lines.table([...keys, rawName])?.start)) || range?.start || 1;
    if (skipPython && rawName.toLowerCase() === 'python') {
      out.skipped.push({ line, reason: 'python is the interpreter constraint, not a package' });
      continue;
    }
    for (const v of Array.isArray(value) ? value : [value]) {
      const dep = poetryEntry(normalizeName(rawName), v, group, line, source);
      if (dep instanceof Error) out.errors.push({ line, reason: `${rawName}: ${dep.message}` });
      else out.dependencies.push(dep);
    }
  }
}

function poetryEntry(name: string, v: unknown, group: string, line: number, source: string): ParsedDependency | Error {
  const base = { name, group, line, source };
  if (typeof v === 'string') {
    const c = poetryConstraint(v);
    return { ...base, specifier: v, version: c.version, kind: c.kind, pep440: c.pep440 };
  }
  if (!isTable(v)) return new Error('expected a version string or a table');
  const extras = Array.isArray(v.extras) ? v.extras.filter((e): e is string => typeof e === 'string') : [];
  const markers = typeof v.markers === 'string' ? v.markers : typeof v.python === 'string' ? `python_version ${v.python}` : null;
  const common = { ...base, extras, markers };
  for (const [key, kind] of [['git', 'vcs'], ['url', 'url'], ['path', 'path'], ['file', 'path']] as const) {
    if (typeof v[key] !== 'string') continue;
    const ref = ['rev', 'tag', 'branch', 'ref'].map((k) => v[k]).find((x): x is string => typeof x === 'string');
    const target = `${key === 'git' ? 'git+' : ''}${v[key] as string}${ref ? `@${ref}` : ''}`;
    const editable = v.develop === true || v.editable === true;
    return { ...common, specifier: target, version: null, kind: editable ? 'editable' : key === 'url' ? kindOfUrl(target) : kind };
  }
  if (typeof v.version === 'string') {
    const c = poetryConstraint(v.version);
    return { ...common, specifier: v.version, version: c.version, kind: c.kind, pep440: c.pep440 };
  }
  return { ...common, specifier: '', version: null, kind: 'unpinned', pep440: '' };
}

export const pyprojectParser: ManifestParser = {
  id: 'pyproject',
  matches: (p) => basename(p) === 'pyproject.toml',
  parse(text) {
    const out = emptyResult();
    const toml = openToml(text, out.errors);
    if (!toml) return out;
    const { data: doc, lines } = toml;
    const project = doc.project;
    if (isTable(project)) {
      const range = lines.locate(['project']);
      if (typeof project.name === 'string' && project.name.trim()) out.project = { name: normalizeName(project.name.trim()), line: (range && lines.key(range, 'name')) ?? range?.start ?? 1 };
      if (project.dependencies !== undefined) {
        pep508List(project.dependencies, 'project.dependencies', 'main', 'pyproject-pep621', lines, range, 'dependencies', out);
      }
      const optional = project['optional-dependencies'];
      if (isTable(optional)) {
        const r = lines.locate(['project', 'optional-dependencies']);
        for (const [extra, list] of Object.entries(optional)) {
          pep508List(list, `project.optional-dependencies.${extra}`, extra, 'pyproject-pep621', lines, r, extra, out);
        }
      }
    }
    const groups = doc['dependency-groups'];
    if (isTable(groups)) {
      const r = lines.locate(['dependency-groups']);
      for (const [g, list] of Object.entries(groups)) {
        pep508List(list, `dependency-groups.${g}`, g, 'pyproject-pep735', lines, r, g, out);
      }
      checkIncludes(groups, lines, out);
    }
    const tool = isTable(doc.tool) ? doc.tool : {};
    // uv's and PDM's own dev-dependency tables (before PEP 735): PEP 508 strings.
    if (isTable(tool.uv) && tool.uv['dev-dependencies'] !== undefined) {
      pep508List(tool.uv['dev-dependencies'], 'tool.uv.dev-dependencies', 'dev', 'pyproject-uv', lines, lines.locate(['tool', 'uv']), 'dev-dependencies', out);
    }
    if (isTable(tool.pdm) && isTable(tool.pdm['dev-dependencies'])) {
      const r = lines.locate(['tool', 'pdm', 'dev-dependencies']);
      for (const [g, list] of Object.entries(tool.pdm['dev-dependencies'])) {
        pep508List(list, `tool.pdm.dev-dependencies.${g}`, g, 'pyproject-pdm', lines, r, g, out);
      }
    }
    const poetry = isTable(tool.poetry) ? tool.poetry : null;
    if (poetry) {
      const src = 'pyproject-poetry';
      if (!out.project && typeof poetry.name === 'string' && poetry.name.trim()) {
        const r = lines.locate(['tool', 'poetry']);
        out.project = { name: normalizeName(poetry.name.trim()), line: (r && lines.key(r, 'name')) ?? r?.start ?? 1 };
      }
      poetryDependencies(poetry.dependencies, ['tool', 'poetry', 'dependencies'], 'main', src, lines, out, true);
      poetryDependencies(poetry['dev-dependencies'], ['tool', 'poetry', 'dev-dependencies'], 'dev', src, lines, out, true);
      if (isTable(poetry.group)) {
        for (const [g, def] of Object.entries(poetry.group)) {
          if (isTable(def)) poetryDependencies(def.dependencies, ['tool', 'poetry', 'group', g, 'dependencies'], g, src, lines, out, true);
        }
      }
    }
    return out;
  },
};
