import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../core/errors.js';
import type { Finding } from '../core/finding.js';
import { readSmallFile } from '../sources/read.js';

/** A baseline holds fingerprints only: where they were seen, never a value. */
export interface BaselineEntry {
  fingerprint: string;
  rule: string;
  path: string;
  line: number;
}

export interface BaselineFile {
  tool: 'pyvet';
  kind: 'secrets-baseline';
  version: 1;
  fingerprints: BaselineEntry[];
}

/** Write the fingerprints of these secret findings as a baseline file. */
export function writeBaseline(file: string, findings: Finding[]): void {
  const seen = new Set<string>();
  const entries: BaselineEntry[] = [];
  for (const f of findings) {
    if (seen.has(f.fingerprint)) continue;
    seen.add(f.fingerprint);
    entries.push({ fingerprint: f.fingerprint, rule: f.rule, path: f.path, line: f.line });
  }
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || (a.rule < b.rule ? -1 : 1)));
  const doc: BaselineFile = { tool: 'pyvet', kind: 'secrets-baseline', version: 1, fingerprints: entries };
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
  } catch (err) {
    throw new UsageError(`cannot write secrets baseline ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** Far more fingerprints than any real baseline holds; a larger file is refused, not read. */
const BASELINE_CAP = 64 * 1024 * 1024;

/** The fingerprints of a baseline file; anything unreadable or not a pyvet secrets baseline is a usage error. */
export function readBaseline(file: string): Set<string> {
  let raw: string;
  try {
    raw = readSmallFile(file, BASELINE_CAP);
  } catch (err) {
    throw new UsageError(`cannot read secrets baseline ${(err as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(raw);
  } catch {
    throw new UsageError(`secrets baseline ${file} is not valid JSON (write one with --write-baseline)`);
  }
  const d = doc as Partial<BaselineFile> | null;
  if (!d || typeof d !== 'object' || d.kind !== 'secrets-baseline' || !Array.isArray(d.fingerprints)) {
    throw new UsageError(`${file} is not a pyvet secrets baseline (expected "kind": "secrets-baseline" and a "fingerprints" list)`);
  }
  if (d.version !== 1) throw new UsageError(`secrets baseline ${file} has version ${String(d.version)}; this pyvet reads version 1`);
  const out = new Set<string>();
  d.fingerprints.forEach((e, i) => {
    const fp = typeof e === 'string' ? e : (e as Partial<BaselineEntry> | null)?.fingerprint;
    if (typeof fp !== 'string' || !/^[0-9a-f]{8,64}$/.test(fp)) throw new UsageError(`secrets baseline ${file}: entry ${i + 1} has no valid fingerprint`);
    out.add(fp);
  });
  return out;
}
