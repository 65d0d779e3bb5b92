import type { ScanReport } from '../core/report.js';
import type { RepoInfo } from '../sources/git.js';

/** The scan history: one SQLite file, many repositories. */
export interface HistoryStore {
  /** Record a finished scan; returns its id. */
  recordScan(report: ScanReport, repoKey: string): number;
  /** Fingerprints of the most recent scan of the repository recorded before `beforeId` (or the latest), or null if none. */
  previousFingerprints(repoKey: string, beforeId?: number): Set<string> | null;
  /** Earlier scans of the repository, oldest first, for trend charts (at most `limit`). */
  trend(repoKey: string, limit?: number): TrendPoint[];
  close(): void;
}

export interface TrendPoint {
  id: number;
  scannedAt: string;
  commit: string | null;
  score: number | null;
  bySeverity: Record<string, number>;
  findings: number;
}

/** Default store path under the user's data dir: $XDG_DATA_HOME/pyvet/history.db or ~/.local/share/pyvet/history.db. */
export function defaultStorePath(_env: NodeJS.ProcessEnv): string {
  throw new Error('store not implemented');
}

/** Repository identity: git remote URL (credentials stripped), else the absolute path. */
export function repoIdentity(root: string, repo: RepoInfo | null): string {
  return repo?.remote ?? root;
}

export function openStore(_file: string, _opts: { readonly?: boolean } = {}): HistoryStore {
  throw new Error('store not implemented');
}
