import type { Severity } from '../../core/severity.js';

const AV: Record<string, number> = { N: 0.85, A: 0.62, L: 0.55, P: 0.2 };
const AC: Record<string, number> = { L: 0.77, H: 0.44 };
const UI: Record<string, number> = { N: 0.85, R: 0.62 };
const CIA: Record<string, number> = { H: 0.56, L: 0.22, N: 0 };

function metrics(vector: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const part of vector.split('/').slice(1)) {
    const [k, v] = part.split(':');
    if (k && v) m.set(k, v);
  }
  return m;
}

/** CVSS v3.1 Roundup: the smallest one-decimal number >= x, free of floating-point artefacts. */
function roundUp31(x: number): number {
  const i = Math.round(x * 100000);
  return i % 10000 === 0 ? i / 100000 : (Math.floor(i / 10000) + 1) / 10;
}

function roundUp30(x: number): number {
  return Math.ceil(x * 10) / 10;
}

/** The CVSS v3.0/v3.1 base score of a vector, or null when it is not a complete v3 vector. */
export function cvss3BaseScore(vector: string): number | null {
  const ver = /^CVSS:3\.([01])\//.exec(vector);
  if (!ver) return null;
  const m = metrics(vector);
  const scope = m.get('S');
  const av = AV[m.get('AV') ?? ''];
  const ac = AC[m.get('AC') ?? ''];
  const ui = UI[m.get('UI') ?? ''];
  const c = CIA[m.get('C') ?? ''];
  const i = CIA[m.get('I') ?? ''];
  const a = CIA[m.get('A') ?? ''];
  const prKey = m.get('PR');
  const changed = scope === 'C';
  const pr = prKey === 'N' ? 0.85 : prKey === 'L' ? (changed ? 0.68 : 0.62) : prKey === 'H' ? (changed ? 0.5 : 0.27) : undefined;
  if (av === undefined || ac === undefined || ui === undefined || pr === undefined || c === undefined || i === undefined || a === undefined) return null;
  if (scope !== 'U' && scope !== 'C') return null;
  const roundUp = ver[1] === '1' ? roundUp31 : roundUp30;
  const iss = 1 - (1 - c) * (1 - i) * (1 - a);
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
  const exploitability = 8.22 * av * ac * pr * ui;
  if (impact <= 0) return 0;
  return changed ? roundUp(Math.min(1.08 * (impact + exploitability), 10)) : roundUp(Math.min(impact + exploitability, 10));
}

/**
 * CVSS v4 has no closed formula (its score comes from a lookup of macro-vectors). Rather than
 * guess, its base metrics are read as the nearest v3.1 vector — AV/AC/PR carry over, UI:P/A → R,
 * the vulnerable system's VC/VI/VA become C/I/A, and any high subsequent-system impact makes the
 * scope changed — and scored with the v3.1 formula. Documented in docs/deps.md.
 */
export function cvss4AsV3Score(vector: string): number | null {
  if (!/^CVSS:4\.0\//.test(vector)) return null;
  const m = metrics(vector);
  const ui = m.get('UI') === 'N' ? 'N' : 'R';
  const changed = ['SC', 'SI', 'SA'].some((k) => m.get(k) === 'H');
  const v3 = `CVSS:3.1/AV:${m.get('AV')}/AC:${m.get('AC')}/PR:${m.get('PR')}/UI:${ui}/S:${changed ? 'C' : 'U'}/C:${m.get('VC')}/I:${m.get('VI')}/A:${m.get('VA')}`;
  return cvss3BaseScore(v3);
}

/** CVSS qualitative rating: critical ≥ 9, high ≥ 7, medium ≥ 4, low > 0; a zero score is informational. */
export function severityOfScore(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'info';
}
