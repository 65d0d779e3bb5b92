import type { Dependency } from '../../deps/types.js';
import { isScriptLike, isTestPath } from '../../python/facts.js';
import type { ImportGraph, ImportUse } from '../../facts/imports.js';
import { distributionsFor, isNeverImported, normalizeDist } from '../../facts/import-names.js';

export interface DeclaredVsImported {
  /** Top-level import names with no declared distribution providing them. */
  undeclared: { name: string; uses: ImportUse[] }[];
  /** Declared (normalized) distributions that no file imports. */
  unused: { name: string; dep: Dependency }[];
  /** Distributions declared only in a non-main group but imported by production code. */
  devInProduction: { name: string; group: string; uses: ImportUse[] }[];
}

const MAIN_GROUPS = new Set(['main', 'default', 'install', 'runtime', 'prod', 'production', '']);

/** Compare third-party imports with the declared dependency inventory. */
export function declaredVsImported(graph: ImportGraph, deps: Dependency[]): DeclaredVsImported {
  const declared = new Map<string, Dependency[]>();
  for (const d of deps) {
    const n = normalizeDist(d.name);
    let l = declared.get(n);
    if (!l) declared.set(n, (l = []));
    l.push(d);
  }
  const usedDists = new Set<string>();
  const undeclared: DeclaredVsImported['undeclared'] = [];
  const devInProduction: DeclaredVsImported['devInProduction'] = [];
  const provider = (name: string) => distributionsFor(name).find((d) => declared.has(d)) ?? null;
  for (const name of graph.softThirdParty) {
    const p = provider(name);
    if (p) usedDists.add(p);
  }
  for (const [name, uses] of [...graph.thirdParty].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const p = provider(name);
    if (!p) {
      undeclared.push({ name, uses });
      continue;
    }
    usedDists.add(p);
    const groups = declared.get(p)!.map((d) => d.group);
    if (!groups.some((g) => MAIN_GROUPS.has(g.toLowerCase()))) {
      const prodUses = uses.filter((u) => !isTestPath(u.path) && !isScriptLike(u.path));
      if (prodUses.length) devInProduction.push({ name: p, group: groups[0]!, uses: prodUses });
    }
  }
  const unused: DeclaredVsImported['unused'] = [];
  for (const [name, list] of [...declared].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (usedDists.has(name) || isNeverImported(name)) continue;
    // The project's own distribution (`-e .`) is provided by its own packages.
    if (graph.localTops.has(name) || [...graph.localTops].some((t) => normalizeDist(t) === name)) continue;
    unused.push({ name, dep: list[0]! });
  }
  return { undeclared, unused, devInProduction };
}
