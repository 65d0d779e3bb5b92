import type { Finding } from '../core/finding.js';
import { categoryOf } from '../core/finding.js';
import { bySeverity } from '../core/severity.js';
import type { PyvetConfig } from '../config/config.js';
import type { FileRole } from '../core/role.js';

/**
 * Apply config (disabled rules, severity overrides), stamp each finding with its file's role, drop exact
 * duplicates, and sort most serious first.
 */
export function postProcess(findings: Finding[], config: PyvetConfig, roleOf?: (path: string) => FileRole | undefined): Finding[] {
  const disabled = config.disable;
  const isDisabled = (rule: string) =>
    disabled.some((d) => d === rule || (d.endsWith('*') ? rule.startsWith(d.slice(0, -1)) : rule.startsWith(d + '.')));
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const f of findings) {
    if (isDisabled(f.rule)) continue;
    const key = `${f.fingerprint}\u0000${f.path}\u0000${f.line}\u0000${f.commit ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const override = config.severity[f.rule];
    const role = f.role ?? (f.path ? roleOf?.(f.path) : undefined);
    out.push(override || role !== f.role ? { ...f, ...(override ? { severity: override } : {}), ...(role ? { role } : {}) } : f);
  }
  const catOrder = { secrets: 0, deps: 1, health: 2 } as const;
  return out.sort(
    (a, b) =>
      bySeverity(a.severity, b.severity) ||
      catOrder[categoryOf(a.rule)] - catOrder[categoryOf(b.rule)] ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
      a.line - b.line ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
}
