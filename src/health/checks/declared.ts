import type { ImportGraph, ImportUse } from '../../facts/imports.js';
import { distributionsFor, importCandidates, isNeverImported, normalizeDist } from '../../facts/import-names.js';
import { isMainGroup, type Declaration } from '../../facts/manifests.js';
import type { OwnPackages } from '../../facts/own-packages.js';

export interface DeclaredVsImported {
  /** Top-level import names with no declared distribution providing them. */
  undeclared: { name: string; uses: ImportUse[] }[];
  /** Declared (normalized) distributions that no file imports or names in its settings. */
  unused: { name: string; dep: Declaration }[];
  /** Distributions declared only in a development group (not main, not an extra) but imported by production code. */
  devInProduction: { name: string; group: string; uses: ImportUse[] }[];
}

export interface DeclaredOptions {
  /** Is this file production code (where a dev-only import fails in deployment)? */
  isProduction: (path: string) => boolean;
  /** Top-level module names code loads by name: INSTALLED_APPS, MIDDLEWARE, backends, entry points. */
  loadedByName?: Set<string>;
  /** What the project's own packaging config says it provides: never undeclared, never unused. */
  own?: OwnPackages;
  /** Import name (lower case) → distribution, as the project maps it (deptry's package_module_name_map). */
  moduleMap?: Map<string, string>;
}

/** Compare third-party imports with what the project's manifests declare. */
export function declaredVsImported(graph: ImportGraph, decls: Declaration[], opts: DeclaredOptions): DeclaredVsImported {
  const declared = new Map<string, Declaration[]>();
  for (const d of decls) {
    const n = normalizeDist(d.name);
    let l = declared.get(n);
    if (!l) declared.set(n, (l = []));
    l.push(d);
  }
  // Reverse index by naming convention: django-taggit → taggit, python-dateutil → dateutil, pyjwt → jwt.
  const byCandidate = new Map<string, string>();
  for (const n of declared.keys()) for (const c of importCandidates(n)) if (!byCandidate.has(c.toLowerCase())) byCandidate.set(c.toLowerCase(), n);
  const mapped = (name: string) => {
    const d = opts.moduleMap?.get(name.toLowerCase());
    return d && declared.has(d) ? d : undefined;
  };
  const provider = (name: string) => mapped(name) ?? distributionsFor(name).find((d) => declared.has(d)) ?? byCandidate.get(name.toLowerCase()) ?? null;
  const usedDists = new Set<string>();
  // A namespace top (`azure`, `google`, `opentelemetry`) is shared by many distributions: an import of it
  // counts as a use of each declared one, since the top-level name alone cannot tell them apart.
  const markUsed = (name: string) => {
    for (const d of distributionsFor(name)) if (declared.has(d)) usedDists.add(d);
    const p = provider(name);
    if (p) usedDists.add(p);
  };
  for (const name of [...graph.softThirdParty, ...(opts.loadedByName ?? [])]) markUsed(name);
  const undeclared: DeclaredVsImported['undeclared'] = [];
  const devInProduction: DeclaredVsImported['devInProduction'] = [];
  for (const [name, uses] of [...graph.thirdParty].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (opts.own?.tops.has(name)) continue;
    const p = provider(name);
    if (!p) {
      undeclared.push({ name, uses });
      continue;
    }
    markUsed(name);
    const list = declared.get(p)!;
    // Extras are optional features, imported where the feature is used: not development tools.
    if (!list.some((d) => isMainGroup(d.group) || d.extra)) {
      const prodUses = uses.filter((u) => opts.isProduction(u.path));
      if (prodUses.length) devInProduction.push({ name: p, group: list[0]!.group, uses: prodUses });
    }
  }
  const unused: DeclaredVsImported['unused'] = [];
  for (const [name, list] of [...declared].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (usedDists.has(name) || isNeverImported(name) || opts.own?.distributions.has(name)) continue;
    // An extra often installs a plugin or driver loaded by name; a development group holds tools run, not imported.
    if (list.every((d) => d.extra || !isMainGroup(d.group))) continue;
    // The project's own distribution (`-e .`) is provided by its own packages.
    if (graph.localTops.has(name) || [...graph.localTops].some((t) => normalizeDist(t) === name)) continue;
    unused.push({ name, dep: list.find((d) => isMainGroup(d.group)) ?? list[0]! });
  }
  return { undeclared, unused, devInProduction };
}
