import type { Finding } from '../core/finding.js';
import type { Workspace } from '../sources/workspace.js';
import type { Dependency } from '../deps/types.js';
import type { PythonFileFacts } from '../python/analyze.js';
import type { HealthReport } from './types.js';

export interface HealthOptions {
  dependencies: Dependency[];
  python: PythonFileFacts[];
}

export interface HealthResult {
  health: HealthReport;
  findings: Finding[];
}

export async function reviewHealth(_ws: Workspace, _opts: HealthOptions): Promise<HealthResult> {
  return {
    health: { score: 0, categories: {}, checks: [], metrics: { functions: [], modules: [], imports: { cycles: [], undeclared: [], unused: [] }, envVars: [], git: null } },
    findings: [],
  };
}
