import type { Finding } from '../core/finding.js';
import type { Workspace } from '../sources/workspace.js';
import type { Dependency } from '../deps/types.js';
import type { HealthReport } from '../health/types.js';
import type { PythonFileFacts } from '../python/analyze.js';
import type { Brief } from './types.js';

export interface BriefOptions {
  dependencies: Dependency[];
  python: PythonFileFacts[];
  health: HealthReport | null;
  findings: Finding[];
}

export async function buildBrief(ws: Workspace, _opts: BriefOptions): Promise<Brief> {
  return { name: ws.root, description: null, routes: [], tasks: [], schedules: [], integrations: [], commands: [], owners: [], gaps: [] };
}
