export interface Route { method: string; path: string; handler: string; file: string; line: number; framework: string }
export interface Task { name: string; kind: string; file: string; line: number }
export interface Schedule { name: string; task: string; schedule: string; kind: string; file: string; line: number }
export interface Integration { kind: string; name: string; detail?: string; files: string[] }
export interface Command { command: string; source: string; file: string; line?: number; kind: string }
export interface Owner { area: string; authors: { name: string; lines: number; share: number }[]; lastChange: string | null; stale: boolean }

/** The handoff brief; every section lists what it could not determine in `gaps`. */
export interface Brief {
  name: string;
  description: string | null;
  routes: Route[];
  tasks: Task[];
  schedules: Schedule[];
  integrations: Integration[];
  commands: Command[];
  owners: Owner[];
  gaps: string[];
  [k: string]: unknown;
}
