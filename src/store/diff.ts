import { bySeverity } from '../core/severity.js';
import type { HistoryStore, StoredFinding, TrendPoint } from './index.js';

export interface ScanDiff {
  repo: string;
  from: TrendPoint;
  to: TrendPoint;
  new: StoredFinding[];
  fixed: StoredFinding[];
}

/** Findings in `to` whose fingerprint `from` lacks (new), and the reverse (fixed). */
export function diffScans(store: HistoryStore, repo: string, fromId: number, toId: number): ScanDiff {
  const from = store.findings(fromId);
  const to = store.findings(toId);
  const before = new Set(from.map((f) => f.fingerprint));
  const after = new Set(to.map((f) => f.fingerprint));
  const order = (a: StoredFinding, b: StoredFinding) => bySeverity(a.severity, b.severity) || a.path.localeCompare(b.path) || a.line - b.line;
  return {
    repo,
    from: store.scan(fromId)!,
    to: store.scan(toId)!,
    new: to.filter((f) => !before.has(f.fingerprint)).sort(order),
    fixed: from.filter((f) => !after.has(f.fingerprint)).sort(order),
  };
}
