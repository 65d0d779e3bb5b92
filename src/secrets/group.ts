import path from 'node:path';
import type { Finding } from '../core/finding.js';
import type { FileRole } from '../core/role.js';
import { ROLE_PHRASE } from './context.js';
import { RULES } from './rules/index.js';

/** Secret findings as a reader takes them in: each one to act on alone, samples counted in groups. */
export interface SecretGroups {
  /** Findings to read one by one: everything above `low`, and samples that stand alone. */
  single: Finding[];
  /** Low and info findings of one rule, one role and one folder: "14 private keys in tests/certs (test fixtures)". */
  groups: SecretGroup[];
}

export interface SecretGroup {
  rule: string;
  role: FileRole | undefined;
  /** The folder the findings share (the deepest common one). */
  dir: string;
  findings: Finding[];
  /** One line for the group. */
  title: string;
}

const LABEL = new Map(RULES.map((r) => [r.id, r.label]));

function plural(label: string, n: number): string {
  if (n === 1) return label;
  const [head, ...rest] = label.split(/(?= (?:in|assigned|committed) )/);
  const word = head!.endsWith('y') && !/[aeiou]y$/.test(head!) ? head!.slice(0, -1) + 'ies' : head!.endsWith('s') ? head! : head + 's';
  return [word, ...rest].join('');
}

/** `comment` or `docstring` when the finding's value sits in one (detect's `context`), else ''. */
function contextOf(f: Finding): string {
  const c = f.data?.context;
  return typeof c === 'string' ? c : '';
}

function commonDir(paths: string[]): string {
  const split = paths.map((p) => path.posix.dirname(p).split('/'));
  const first = split[0]!;
  let n = first.length;
  for (const s of split) {
    let i = 0;
    while (i < n && s[i] === first[i]) i++;
    n = i;
  }
  return first.slice(0, n).join('/') || '.';
}

/**
 * Group the low and info secret findings by rule, role and top-level folder (the first two path
 * segments), when a group holds at least `min` findings; everything else stays single. The text
 * reporter prints a group as one line, so 40 test passwords do not bury the key to rotate.
 */
export function groupSecretFindings(findings: readonly Finding[], min = 3): SecretGroups {
  const single: Finding[] = [];
  const byKey = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.severity !== 'low' && f.severity !== 'info') {
      single.push(f);
      continue;
    }
    const top = path.posix.dirname(f.path).split('/').slice(0, 2).join('/');
    const key = `${f.rule}\u0000${f.role ?? ''}\u0000${top}\u0000${f.severity}\u0000${contextOf(f)}`;
    byKey.set(key, [...(byKey.get(key) ?? []), f]);
  }
  const groups: SecretGroup[] = [];
  for (const list of byKey.values()) {
    if (list.length < min) {
      single.push(...list);
      continue;
    }
    const f = list[0]!;
    const dir = commonDir(list.map((x) => x.path));
    const label = plural(LABEL.get(f.rule) ?? f.rule, list.length);
    const ctx = contextOf(f);
    const role = f.role ? ` (${ctx ? `${ctx}s in ` : ''}${ROLE_PHRASE[f.role]})` : '';
    groups.push({ rule: f.rule, role: f.role, dir, findings: list, title: `${list.length} ${label} in ${dir === '.' ? 'the repository root' : dir}${role}` });
  }
  const order = new Map(findings.map((f, i) => [f, i]));
  single.sort((a, b) => order.get(a)! - order.get(b)!);
  groups.sort((a, b) => order.get(a.findings[0]!)! - order.get(b.findings[0]!)!);
  return { single, groups };
}
