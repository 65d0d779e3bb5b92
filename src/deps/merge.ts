import { bySeverity } from '../core/severity.js';
import type { Dependency, VulnRef } from './types.js';

/**
 * A dependency's vulnerabilities as a reader should see them: records merged under one advisory
 * (their `group`) become one entry named by it, with every other id as an alias, the union of fixed
 * versions and the worst severity. For human output; the JSON keeps one entry per OSV record.
 */
export function mergedVulns(dep: Pick<Dependency, 'vulns'>): VulnRef[] {
  const groups = new Map<string, VulnRef[]>();
  for (const v of dep.vulns) {
    const key = v.group ?? v.id;
    const list = groups.get(key);
    if (list) list.push(v);
    else groups.set(key, [v]);
  }
  const out: VulnRef[] = [];
  for (const [id, members] of groups) {
    const lead = members.find((m) => m.id === id) ?? members[0]!;
    if (members.length === 1) {
      out.push(lead);
      continue;
    }
    const aliases = [...new Set(members.flatMap((m) => [m.id, ...m.aliases]))].filter((x) => x !== id).sort();
    const severity = members.map((m) => m.severity).sort(bySeverity)[0]!;
    const scores = members.map((m) => m.score).filter((s): s is number => typeof s === 'number');
    out.push({
      id,
      aliases,
      fixed: [...new Set(members.flatMap((m) => m.fixed))],
      severity,
      score: scores.length ? Math.max(...scores) : null,
      summary: lead.summary,
      group: id,
    });
  }
  return out;
}
