import { tableAt } from './config.js';
import { normalizeDist } from './import-names.js';

/**
 * What a project told deptry (the dependency checker whose DEP001–DEP004 pyvet's declared-vs-imported
 * checks mirror) in `[tool.deptry]` of a pyproject.toml: names ignored per rule
 * (`per_rule_ignores`, or the older `ignore_missing`/`ignore_obsolete`/`ignore_transitive`/
 * `ignore_misplaced_dev`), rules ignored whole (`ignore`), and `package_module_name_map`. The project's
 * own decision that `azure-common` is wanted though nothing imports it is not a finding.
 */
export interface DeptryConfig {
  /** Is this name (an import name, or a distribution for DEP002) ignored for this rule code? */
  ignored(code: 'DEP001' | 'DEP002' | 'DEP003' | 'DEP004', name: string): boolean;
  /** Import name (lower case) → the distribution that provides it, as the project maps it. */
  moduleMap: Map<string, string>;
}

const OLD_KEYS: Record<string, string> = { ignore_missing: 'DEP001', ignore_obsolete: 'DEP002', ignore_transitive: 'DEP003', ignore_misplaced_dev: 'DEP004' };

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

export function deptryConfig(docs: { doc: Record<string, unknown> }[]): DeptryConfig {
  const names = new Map<string, Set<string>>();
  const whole = new Set<string>();
  const moduleMap = new Map<string, string>();
  const add = (code: string, list: string[]) => {
    let set = names.get(code);
    if (!set) names.set(code, (set = new Set()));
    for (const n of list) set.add(normalizeDist(n));
  };
  for (const { doc } of docs) {
    const t = tableAt(doc, 'tool', 'deptry') as Record<string, unknown> | undefined;
    if (!t || typeof t !== 'object') continue;
    for (const c of strings(t.ignore)) whole.add(c.toUpperCase());
    const per = t.per_rule_ignores as Record<string, unknown> | undefined;
    if (per && typeof per === 'object') for (const [code, list] of Object.entries(per)) add(code.toUpperCase(), strings(list));
    for (const [key, code] of Object.entries(OLD_KEYS)) add(code, strings(t[key]));
    const map = t.package_module_name_map as Record<string, unknown> | undefined;
    if (map && typeof map === 'object') for (const [dist, mods] of Object.entries(map)) for (const m of strings(mods)) moduleMap.set(m.toLowerCase(), normalizeDist(dist));
  }
  return {
    ignored: (code, name) => whole.has(code) || (names.get(code)?.has(normalizeDist(name)) ?? false),
    moduleMap,
  };
}
