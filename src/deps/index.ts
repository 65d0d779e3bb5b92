import type { Finding } from '../core/finding.js';
import type { Workspace } from '../sources/workspace.js';
import type { Dependency } from './types.js';

export interface DepsOptions {
  /** OSV database: a zip or a directory of OSV JSON; null for the bundled/cached default. */
  db: string | null;
}

export interface DepsResult {
  dependencies: Dependency[];
  findings: Finding[];
}

/** Find every manifest in the workspace, parse it, and match each requirement against OSV. */
export async function auditDependencies(_ws: Workspace, _opts: DepsOptions): Promise<DepsResult> {
  return { dependencies: [], findings: [] };
}
