import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Workspace } from '../../sources/workspace.js';
import type { ScanError } from '../../core/errors.js';
import { PARSERS } from './index.js';
import { requirementsParser } from './requirements.js';
import type { ManifestParser, ParseContext, ParsedDependency } from './types.js';

const LOCKS_OF: Record<string, string[]> = {
  'pyproject.toml': ['poetry.lock', 'uv.lock', 'pdm.lock'],
  Pipfile: ['Pipfile.lock'],
};

/** The files that would lock a manifest: its lock beside it, or pip-compile's `x.txt` beside `x.in`. */
export function lockCandidates(file: string): string[] {
  const dir = path.posix.dirname(file);
  const base = path.posix.basename(file);
  const join = (name: string) => (dir === '.' ? name : `${dir}/${name}`);
  const out = (LOCKS_OF[base] ?? []).map(join);
  if (base.endsWith('.in')) out.push(join(base.replace(/\.in$/, '.txt')));
  return out;
}

/** A parsed dependency located in its file, with the format it came from. */
export interface Located extends ParsedDependency {
  path: string;
  source: string;
  direct?: boolean;
  declared?: { path: string; line: number; specifier: string };
  /** Declared by a published package with no lock (a library): its ranges get a floor, not a pin, as advice. */
  library?: boolean;
}

function readInto(ws: Workspace, rel: string): { text: string } | { error: string } {
  const r = ws.read(rel);
  switch (r.kind) {
    case 'text':
      if (r.lossy) ws.errors.push({ path: rel, message: 'not valid UTF-8; read as latin-1' });
      return { text: r.text };
    case 'binary':
      return { error: 'binary file' };
    case 'too-large':
      return { error: `too large (${r.bytes} bytes, limit ${ws.config.maxFileSize})` };
    default:
      return { error: `unreadable (${r.message})` };
  }
}

/** Parse every manifest of the workspace once; requirements files first so an include is read once, by its includer. */
export function parseManifests(ws: Workspace): { deps: Located[]; files: { path: string; parser: ManifestParser }[]; skipped: ScanError[] } {
  const files: { path: string; parser: ManifestParser }[] = [];
  // One file is what `pyvet deps FILE` reads: a `.txt`/`.in` given by name is a requirements file
  // whatever it is called (constraints.txt, prod.txt).
  const single = ws.single;
  for (const f of ws.files) {
    const parser = PARSERS.find((p) => p.matches(f.path)) ?? (single && /\.(txt|in)$/i.test(f.path) ? requirementsParser : undefined);
    if (parser) files.push({ path: f.path, parser });
  }
  // A lock beside a manifest is read with it: pip-compile's `dev.txt` beside `dev.in` whatever its
  // name, and a manifest given alone (`pyvet deps pyproject.toml`) still gets its lock's versions.
  for (const { path: p } of [...files]) {
    for (const lock of lockCandidates(p)) {
      if (files.some((f) => f.path === lock)) continue;
      if (ws.byPath.has(lock) || (single && existsSync(path.join(ws.root, lock)))) {
        files.push({ path: lock, parser: PARSERS.find((x) => x.matches(lock)) ?? requirementsParser });
      }
    }
  }
  const order = (p: ManifestParser) => (p.id === 'requirements' ? 0 : 1);
  files.sort((a, b) => order(a.parser) - order(b.parser) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const ctx: ParseContext = {
    parsed: new Set(),
    read: (rel) => readInto(ws, path.posix.isAbsolute(rel) ? path.relative(ws.root, rel).split(path.sep).join('/') : rel),
  };
  const deps: Located[] = [];
  const skipped: ScanError[] = [];
  const have = new Set(files.map((f) => f.path));
  for (const { path: file, parser } of files) {
    if (ctx.parsed.has(file)) continue;
    const r = readInto(ws, file);
    if ('error' in r) {
      ws.errors.push({ path: file, message: `${r.error}; not read` });
      continue;
    }
    let result;
    try {
      result = parser.parse(r.text, file, ctx);
    } catch (err) {
      // A parser bug on one odd file must not end the scan; it is reported like bad input.
      ws.errors.push({ path: file, message: `could not parse: ${(err as Error).message}` });
      continue;
    }
    for (const e of result.errors) ws.errors.push({ path: e.path ?? file, line: e.line, message: e.reason });
    for (const s of result.skipped) skipped.push({ path: s.path ?? file, line: s.line, message: s.reason });
    const own = result.project?.name;
    // A published project with no lock beside it is a library: it declares what it works with, not what to install.
    const library = own !== undefined && !lockCandidates(file).some((l) => have.has(l));
    for (const d of result.dependencies) {
      // `requests[socks]` inside requests is the project's own extras, not a dependency to audit.
      if (own !== undefined && d.name === own) {
        skipped.push({ path: d.path ?? file, line: d.line, message: `${d.name}${d.extras?.length ? `[${d.extras.join(',')}]` : ''} is the project itself (its own extras), not a dependency` });
        continue;
      }
      deps.push({ ...d, path: d.path ?? file, source: d.source ?? parser.id, ...(library && !d.path ? { library: true } : {}) });
    }
  }
  return { deps, files, skipped };
}
