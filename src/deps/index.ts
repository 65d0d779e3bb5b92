import type { Finding } from '../core/finding.js';
import type { Workspace } from '../sources/workspace.js';
import type { ScanError } from '../core/errors.js';
import type { DatabaseInfo, Dependency } from './types.js';
import { parseManifests, type Located } from '../facts/manifests/read.js';
import { resolveLocks } from './resolve.js';
import { loadDatabase, resolveDatabasePath } from './osv/database.js';
import { matchDependencies } from './audit.js';
import { databaseInfo } from './osv/provenance.js';
import { rolesOf } from '../facts/roles.js';

export { parseManifests, type Located };

export interface DepsOptions {
  /** OSV database: a zip or a directory of OSV JSON; null for the bundled/cached default. */
  db: string | null;
  /** Where to look for the `db update` cache ($PYVET_CACHE_DIR, $XDG_CACHE_HOME, HOME); the process environment by default. */
  env?: NodeJS.ProcessEnv;
  /** The scan's time, for the data's age. */
  now?: Date;
}

export interface DepsResult {
  dependencies: Dependency[];
  findings: Finding[];
  /** The OSV data matched against; absent when no manifest was found (nothing was loaded). */
  database?: DatabaseInfo;
  /** What the parsers read and left out on purpose (an option line, a remote include, setup(**kwargs)), with file and line. */
  skipped: ScanError[];
}

/** Find every manifest in the workspace, parse it, and match each requirement against OSV. */
export async function auditDependencies(ws: Workspace, opts: DepsOptions): Promise<DepsResult> {
  const { deps, files, skipped } = parseManifests(ws);
  if (!files.length) return { dependencies: [], findings: [], skipped };
  const resolved = resolveLocks(deps, files.map((f) => f.path));
  const env = opts.env ?? process.env;
  const where = resolveDatabasePath(opts.db, env);
  const db = loadDatabase(where.path, env);
  // Split each file once: a requirements file of many findings must not be re-split per finding.
  const split = new Map<string, string[] | undefined>();
  const lineText = (p: string, line: number) => {
    if (!split.has(p)) split.set(p, ws.text(p)?.split(/\r?\n/));
    return split.get(p)?.[line - 1]?.trim();
  };
  const database = databaseInfo(where.path, where.origin, db.contents, opts.now ?? new Date());
  const roles = rolesOf(ws);
  const result = matchDependencies(resolved, db, { errors: ws.errors, lineText, roleOf: (p) => roles.role(p) });
  // Records read for this scan that were malformed: skipped, and said so.
  for (const p of db.problems) ws.errors.push({ path: db.source, message: p });
  return { ...result, database, skipped };
}
