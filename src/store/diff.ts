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
export async function diffScans(store: HistoryStore, repo: string, fromId: number, toId: number): Promise<ScanDiff> {
  const from = await store.findings(fromId);
  const to = await store.findings(toId);
  const before = new Set(from.map((f) => f.fingerprint));
  const after = new Set(to.map((f) => f.fingerprint));
  const order = (a: StoredFinding, b: StoredFinding) => bySeverity(a.severity, b.severity) || a.path.localeCompare(b.path) || a.line - b.line;
  return {
    repo,
    from: (await store.scan(fromId))!,
    to: (await store.scan(toId))!,
    new: to.filter((f) => !before.has(f.fingerprint)).sort(order),
    fixed: from.filter((f) => !after.has(f.fingerprint)).sort(order),
  };
}
