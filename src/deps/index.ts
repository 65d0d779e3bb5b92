import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../core/finding.js';
import type { Workspace } from '../sources/workspace.js';
import type { Dependency } from './types.js';
import { PARSERS } from './parsers/index.js';
import { requirementsParser } from './parsers/requirements.js';
import type { ManifestParser, ParseContext, ParsedDependency } from './parsers/types.js';
import { lockCandidates, resolveLocks } from './resolve.js';
import { loadDatabase, resolveDatabasePath } from './osv/database.js';
import { matchDependencies } from './audit.js';

export interface DepsOptions {
  /** OSV database: a zip or a directory of OSV JSON; null for the bundled/cached default. */
  db: string | null;
  /** Where to look for the `db update` cache ($PYVET_CACHE_DIR, $XDG_CACHE_HOME, HOME); the process environment by default. */
  env?: NodeJS.ProcessEnv;
}

export interface DepsResult {
  dependencies: Dependency[];
  findings: Finding[];
}

/** A parsed dependency located in its file, with the format it came from. */
export interface Located extends ParsedDependency {
  path: string;
  source: string;
  direct?: boolean;
  declared?: { path: string; line: number; specifier: string };
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
export function parseManifests(ws: Workspace): { deps: Located[]; files: { path: string; parser: ManifestParser }[] } {
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
    for (const d of result.dependencies) {
      deps.push({ ...d, path: d.path ?? file, source: d.source ?? parser.id });
    }
  }
  return { deps, files };
}

/** Find every manifest in the workspace, parse it, and match each requirement against OSV. */
export async function auditDependencies(ws: Workspace, opts: DepsOptions): Promise<DepsResult> {
  const { deps, files } = parseManifests(ws);
  if (!files.length) return { dependencies: [], findings: [] };
  const resolved = resolveLocks(deps, files.map((f) => f.path));
  const env = opts.env ?? process.env;
  const db = loadDatabase(resolveDatabasePath(opts.db, env).path, env);
  const lines = new Map<string, string[] | undefined>();
  const lineText = (p: string, line: number) => {
    if (!lines.has(p)) lines.set(p, ws.text(p)?.split(/\r?\n/));
    return lines.get(p)?.[line - 1]?.trim();
  };
  return matchDependencies(resolved, db, { errors: ws.errors, lineText });
}
