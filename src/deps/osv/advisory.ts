import type { Severity } from '../../core/severity.js';
import { cvss3BaseScore, cvss4AsV3Score, severityOfScore } from './cvss.js';
import type { OsvRecord, OsvSeverity } from './types.js';

// GitHub's advisory database labels, used only when a record carries no CVSS vector.
const LABELS: Record<string, Severity> = { CRITICAL: 'critical', HIGH: 'high', MODERATE: 'medium', MEDIUM: 'medium', LOW: 'low' };

const described = new WeakMap<OsvRecord, { severity: Severity; score: number | null; summary: string }>();

/** Severity and summary of a record, computed once per record. */
export function describe(record: OsvRecord): { severity: Severity; score: number | null; summary: string } {
  let d = described.get(record);
  if (!d) {
    d = { ...severityOf(record), summary: summaryOf(record) };
    described.set(record, d);
  }
  return d;
}

/** Severity of a record: its CVSS v3 vector's base score, else its CVSS v4 vector read as v3, else a database label, else unknown. */
export function severityOf(record: OsvRecord): { severity: Severity; score: number | null } {
  const all: OsvSeverity[] = [...(record.severity ?? []), ...(record.affected ?? []).flatMap((a) => a.severity ?? [])];
  const v3 = all.map((s) => (s.type === 'CVSS_V3' ? cvss3BaseScore(s.score) : null)).filter((x): x is number => x !== null);
  if (v3.length) {
    const score = Math.max(...v3);
    return { severity: severityOfScore(score), score };
  }
  const v4 = all.map((s) => (s.type === 'CVSS_V4' ? cvss4AsV3Score(s.score) : null)).filter((x): x is number => x !== null);
  if (v4.length) {
    const score = Math.max(...v4);
    return { severity: severityOfScore(score), score };
  }
  const label = LABELS[String(record.database_specific?.severity ?? '').toUpperCase()];
  return { severity: label ?? 'unknown', score: null };
}

/** The record's summary, else the first sentence of its details, on one line. */
export function summaryOf(record: OsvRecord): string {
  const text = (record.summary ?? record.details ?? '').replace(/\s+/g, ' ').trim();
  if (record.summary) return text;
  const first = /^(.{20,}?[.!?])\s/.exec(text)?.[1] ?? text;
  return first.length > 200 ? `${first.slice(0, 199)}…` : first;
}

// Which id names a merged advisory: the PyPI database's own, then GitHub's, then the others.
const PREFIX_ORDER = ['PYSEC-', 'GHSA-'];

function preference(id: string): number {
  const i = PREFIX_ORDER.findIndex((p) => id.startsWith(p));
  return i < 0 ? PREFIX_ORDER.length : i;
}

/**
 * Records that alias each other — one names the other, or both name the same CVE/GHSA — describe one
 * vulnerability. Returns, for each record id, the id of its group (the preferred record id), and the
 * union of every id in the group.
 */
export function aliasGroups(records: OsvRecord[]): Map<string, { primary: string; ids: string[] }> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    for (let p = parent.get(r); p !== undefined && p !== r; p = parent.get(r)) r = p;
    parent.set(x, r);
    return r;
  };
  for (const r of records) {
    if (!parent.has(r.id)) parent.set(r.id, r.id);
    for (const a of r.aliases ?? []) {
      if (!parent.has(a)) parent.set(a, a);
      const ra = find(a);
      const rr = find(r.id);
      if (ra !== rr) parent.set(ra, rr);
    }
  }
  const ids = new Map<string, string[]>();
  for (const id of parent.keys()) {
    const root = find(id);
    const list = ids.get(root);
    if (list) list.push(id);
    else ids.set(root, [id]);
  }
  const primary = new Map<string, string>();
  for (const r of records) {
    const root = find(r.id);
    const cur = primary.get(root);
    if (cur === undefined || preference(r.id) < preference(cur) || (preference(r.id) === preference(cur) && r.id < cur)) primary.set(root, r.id);
  }
  const out = new Map<string, { primary: string; ids: string[] }>();
  for (const r of records) {
    const root = find(r.id);
    out.set(r.id, { primary: primary.get(root)!, ids: ids.get(root)!.sort() });
  }
  return out;
}
