import { normalizeName } from './names.js';
import type { DependencyKind } from './types.js';
import { isTable, openToml } from './toml-lines.js';
import type { ManifestParser, ParseResult } from './types.js';
import { basename, emptyResult } from './types.js';

interface LockEntry {
  kind: DependencyKind;
  group: string;
  specifier?: string;
  /** Skip with this reason (the project itself in uv.lock). */
  skip?: string;
}

/**
 * The `[[package]]` array shared by poetry.lock, uv.lock and pdm.lock: one locked version per entry,
 * located at its `name =` line. `describe` reads the format's own source/group fields.
 */
function packageLock(text: string, describe: (pkg: Record<string, unknown>) => LockEntry): ParseResult {
  const out = emptyResult();
  const toml = openToml(text, out.errors);
  if (!toml) return out;
  const { data, lines } = toml;
  const packages = data.package;
  if (packages === undefined) return out;
  if (!Array.isArray(packages)) {
    out.errors.push({ line: 1, reason: '"package" must be an array of tables' });
    return out;
  }
  packages.forEach((pkg: unknown, i) => {
    const range = lines.table(['package'], i);
    const line = (range && (lines.key(range, 'name') ?? range.start)) || 1;
    if (!isTable(pkg) || typeof pkg.name !== 'string') {
      out.errors.push({ line, reason: 'package entry without a name' });
      return;
    }
    const entry = describe(pkg);
    if (entry.skip) {
      out.skipped.push({ line, reason: entry.skip });
      return;
    }
    const version = typeof pkg.version === 'string' ? pkg.version : null;
    if (!version && entry.kind === 'pinned') {
      out.errors.push({ line, reason: `${pkg.name}: locked without a version` });
      return;
    }
    out.dependencies.push({
      name: normalizeName(pkg.name),
      specifier: entry.specifier ?? (version ? `==${version}` : ''),
      version,
      kind: entry.kind,
      group: entry.group,
      line,
      ...(typeof pkg.markers === 'string' ? { markers: pkg.markers } : {}),
    });
  });
  return out;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function firstGroup(v: unknown): string | undefined {
  return Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;
}

export const poetryLockParser: ManifestParser = {
  id: 'poetry-lock',
  matches: (p) => basename(p) === 'poetry.lock',
  parse: (text) =>
    packageLock(text, (pkg) => {
      // Poetry < 1.5 writes `category`, later versions `groups`; the manifest beside refines it.
      const group = firstGroup(pkg.groups) ?? str(pkg.category) ?? 'main';
      const src = isTable(pkg.source) ? pkg.source : null;
      const type = str(src?.type);
      const url = str(src?.url);
      if (type === 'git') {
        const ref = str(src?.resolved_reference) ?? str(src?.reference);
        return { kind: 'vcs', group, specifier: `git+${url ?? ''}${ref ? `@${ref}` : ''}` };
      }
      if (type === 'directory' || type === 'file') return { kind: pkg.develop === true ? 'editable' : 'path', group, specifier: url ?? '' };
      if (type === 'url') return { kind: 'url', group, specifier: url ?? '' };
      return { kind: 'pinned', group };
    }),
};

export const uvLockParser: ManifestParser = {
  id: 'uv-lock',
  matches: (p) => basename(p) === 'uv.lock',
  parse: (text) =>
    packageLock(text, (pkg) => {
      const src = isTable(pkg.source) ? pkg.source : {};
      const local = str(src.editable) ?? str(src.virtual);
      if (local === '.') return { kind: 'path', group: 'main', skip: `${String(pkg.name)}: the project itself` };
      if (str(src.editable)) return { kind: 'editable', group: 'main', specifier: str(src.editable) };
      if (str(src.virtual)) return { kind: 'path', group: 'main', specifier: str(src.virtual) };
      if (str(src.git)) return { kind: 'vcs', group: 'main', specifier: `git+${str(src.git)}` };
      if (str(src.path) ?? str(src.directory)) return { kind: 'path', group: 'main', specifier: str(src.path) ?? str(src.directory) };
      if (str(src.url)) return { kind: 'url', group: 'main', specifier: str(src.url) };
      return { kind: 'pinned', group: 'main' };
    }),
};

export const pdmLockParser: ManifestParser = {
  id: 'pdm-lock',
  matches: (p) => basename(p) === 'pdm.lock',
  parse: (text) =>
    packageLock(text, (pkg) => {
      const g = firstGroup(pkg.groups);
      const group = !g || g === 'default' ? 'main' : g;
      if (str(pkg.git)) {
        const ref = str(pkg.revision) ?? str(pkg.ref);
        return { kind: 'vcs', group, specifier: `git+${str(pkg.git)}${ref ? `@${ref}` : ''}` };
      }
      if (str(pkg.path)) return { kind: pkg.editable === true ? 'editable' : 'path', group, specifier: str(pkg.path) };
      if (str(pkg.url)) return { kind: 'url', group, specifier: str(pkg.url) };
      return { kind: 'pinned', group };
    }),
};
