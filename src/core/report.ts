import type { Finding } from './finding.js';
import type { FileRole } from './role.js';
import type { ScanError } from './errors.js';
import type { DatabaseInfo, Dependency } from '../deps/types.js';
import type { SecretsSummary } from '../secrets/types.js';
import type { HealthReport } from '../health/types.js';
import type { Brief } from '../brief/types.js';
import type { TrendPoint } from './trend.js';

/**
 * The JSON document: a public interface. Fields are only ever added, never renamed or removed.
 * Documented in schema/pyvet-report.schema.json and the README.
 */
export interface ScanReport {
  tool: 'pyvet';
  version: string;
  /** The scanned path as given (absolute). */
  root: string;
  /** ISO 8601 time the scan started. */
  scannedAt: string;
  /** Git commit of the scanned tree, when it is a repository. */
  commit?: string | null;
  /** Which parts ran: deps, secrets, health, brief. */
  sections: string[];
  dependencies: Dependency[];
  /** The OSV data the dependencies were matched against: source, newest record, counts, age. */
  database?: DatabaseInfo;
  findings: Finding[];
  errors: ScanError[];
  /** What was read and left out on purpose, with file and line: an option line, a remote include, setup(**kwargs)… */
  skipped?: ScanError[];
  secrets?: SecretsSummary;
  health?: HealthReport;
  brief?: Brief;
  /** Earlier scans of this repository from the history store, oldest first (scan only). */
  history?: TrendPoint[];
  /** Counts of findings by severity, and by category. */
  summary: ReportSummary;
}

export interface ReportSummary {
  /** Overall health score 0–100 when the health review ran. */
  score: number | null;
  bySeverity: Record<string, number>;
  byCategory: Record<string, number>;
  files: number;
  durationMs: number;
  /** Milliseconds per phase (walk, deps, secrets, health, brief…). */
  phases: Record<string, number>;
  /** Walked files per role (production, test, fixture, docs…): what the repository is made of. */
  roles?: Partial<Record<FileRole, number>>;
}
