/** One recorded scan in a repository's history: what a report's trend and the dashboard chart. */
export interface TrendPoint {
  id: number;
  scannedAt: string;
  commit: string | null;
  score: number | null;
  bySeverity: Record<string, number>;
  findings: number;
}
