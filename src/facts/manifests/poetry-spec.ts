import type { DependencyKind } from './types.js';

function bump(release: string, index: number): string {
  const nums = release.split('.').map(Number);
  const out = nums.slice(0, index + 1);
  out[index] = (out[index] ?? 0) + 1;
  return out.join('.');
}

/** One Poetry clause as PEP 440: `^1.2` → `>=1.2,<2`, `~1.2` → `>=1.2,<1.3`, `1.2.3` → `==1.2.3`. */
function clause(c: string): string | null {
  if (c === '*' || c === '') return '';
  const caret = /^\^\s*((\d+(?:\.\d+)*)\S*)$/.exec(c);
  if (caret) {
    const nums = caret[2]!.split('.').map(Number);
    let i = nums.findIndex((n) => n !== 0);
    if (i < 0) i = nums.length - 1;
    return `>=${caret[1]},<${bump(caret[2]!, i)}`;
  }
  const tilde = /^~(?!=)\s*((\d+(?:\.\d+)*)\S*)$/.exec(c);
  if (tilde) {
    const n = tilde[2]!.split('.').length;
    return `>=${tilde[1]},<${bump(tilde[2]!, n === 1 ? 0 : 1)}`;
  }
  if (/^\d/.test(c)) return `==${c}`;
  if (/^(===|~=|==|!=|<=|>=|<|>)\s*\S+$/.test(c)) return c.replace(/\s+/g, '');
  return null;
}

/**
 * A Poetry constraint (`^1.2`, `~1.2`, `1.2.3`, `>=1,<2`, `>=1 <2`, `1.* || 2.*`) as PEP 440
 * alternatives joined by `||`, with its kind. A bare version is an exact pin in Poetry.
 */
export function poetryConstraint(spec: string): { pep440: string | null; kind: DependencyKind; version: string | null } {
  const s = spec.trim();
  if (s === '' || s === '*') return { pep440: '', kind: 'unpinned', version: null };
  const alternatives: string[] = [];
  for (const alt of s.split('||')) {
    const parts = alt.trim().split(/\s*,\s*|\s+(?=[<>=!~^\d])/).filter(Boolean);
    const converted = parts.map(clause);
    if (converted.some((c) => c === null)) return { pep440: null, kind: 'range', version: null };
    alternatives.push((converted as string[]).filter(Boolean).join(','));
  }
  const exact = alternatives.length === 1 ? /^(?:===?)([^,*]+)$/.exec(alternatives[0]!) : null;
  if (exact) return { pep440: alternatives[0]!, kind: 'pinned', version: exact[1]! };
  return { pep440: alternatives.join('||'), kind: 'range', version: null };
}
