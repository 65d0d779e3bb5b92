import type { Workspace } from '../sources/workspace.js';
import type { BriefFacts } from '../brief/extract.js';
import type { Progress } from '../pipeline/progress.js';

/** What one parse of one Python file yields, for health and the brief. Serializable (crosses worker threads). */
export interface PythonFileFacts {
  path: string;
  /** Dotted module name resolved against the project layout (src/, packages). */
  module: string;
  health: Record<string, unknown>;
  brief?: BriefFacts;
  /** Parse problems: the file still yields what could be read. */
  error?: string;
}

/** Parse every Python file of the workspace once and extract the facts each analyzer needs. */
export async function analyzePythonFiles(_ws: Workspace, _opts: { brief: boolean; progress?: Progress }): Promise<PythonFileFacts[]> {
  return [];
}
