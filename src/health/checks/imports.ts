import type { Dependency } from '../../deps/types.js';
import type { PythonFileFacts } from '../../python/analyze.js';
import { absoluteImport, resolveProjectModule } from '../../python/modules.js';
import { isTestPath, isScriptLike } from '../../python/facts.js';
import { isStdlib } from './stdlib.js';
import { distributionsFor, isNeverImported, normalizeDist } from './distributions.js';

export interface ImportUse {
  path: string;
  line: number;
}

export interface ImportGraph {
  /** module → path */
  modules: Map<string, string>;
  /** Project-internal edges, deduplicated, with the first line of each. */
  edges: Map<string, Map<string, number>>;
  /** Third-party top-level import name → where it is imported (non-optional, non-TYPE_CHECKING imports). */
  thirdParty: Map<string, ImportUse[]>;
  /** Third-party imports found only in optional (`try/except ImportError`) or typing-only blocks. */
  softThirdParty: Set<string>;
  /** Module → modules importing it. */
  importedBy: Map<string, Set<string>>;
  /** Top-level names that belong to the project. */
  localTops: Set<string>;
}

/** Resolve every import of every file: project modules become graph edges, the rest is stdlib or third party. */
export function buildImportGraph(files: PythonFileFacts[]): ImportGraph {
  const modules = new Map<string, string>();
  for (const f of files) if (!modules.has(f.module)) modules.set(f.module, f.path);
  const known = new Set(modules.keys());
  // Top-level names that are the project's own: packages, modules, and script-adjacent module stems.
  const localTops = new Set<string>();
  for (const f of files) {
    localTops.add(f.module.split('.')[0]!);
    const stem = f.path.split('/').pop()!.replace(/\.py$/, '');
    localTops.add(stem);
  }
  const edges = new Map<string, Map<string, number>>();
  const thirdParty = new Map<string, ImportUse[]>();
  const softThirdParty = new Set<string>();
  const importedBy = new Map<string, Set<string>>();
  const addEdge = (from: string, to: string, line: number) => {
    if (from === to) return;
    let m = edges.get(from);
    if (!m) edges.set(from, (m = new Map()));
    if (!m.has(to)) m.set(to, line);
    let s = importedBy.get(to);
    if (!s) importedBy.set(to, (s = new Set()));
    s.add(from);
  };
  for (const f of files) {
    for (const imp of f.health.imports) {
      const base = absoluteImport(f.module, f.path, imp.level, imp.name);
      if (base === null) continue;
      const targets: string[] = [];
      // `from pkg import mod` imports the submodule pkg.mod when it exists.
      const subs = imp.names.filter((n) => n !== '*' && base && known.has(`${base}.${n}`));
      for (const n of subs) targets.push(`${base}.${n}`);
      const resolved = base ? resolveProjectModule(base, known) : null;
      // The package itself is an edge only when something else than its submodules is imported from it.
      if (resolved && (subs.length < imp.names.length || imp.names.length === 0 || resolved !== base)) targets.push(resolved);
      if (targets.length || resolved) {
        // A module's own ancestor packages are always initialised before it: not a dependency worth drawing.
        for (const t of targets) if (!f.module.startsWith(t + '.')) addEdge(f.module, t, imp.line);
        continue;
      }
      if (imp.level > 0 || !base) continue;
      const top = base.split('.')[0]!;
      if (isStdlib(top) || localTops.has(top)) continue;
      if (imp.optional || imp.typing) {
        softThirdParty.add(top);
        continue;
      }
      let uses = thirdParty.get(top);
      if (!uses) thirdParty.set(top, (uses = []));
      uses.push({ path: f.path, line: imp.line });
    }
  }
  return { modules, edges, thirdParty, softThirdParty, importedBy, localTops };
}

/** Strongly connected components with more than one module (Tarjan, iterative), each sorted, the list sorted. */
export function importCycles(edges: Map<string, Map<string, number>>): string[][] {
  const nodes = new Set<string>();
  for (const [a, m] of edges) {
    nodes.add(a);
    for (const b of m.keys()) nodes.add(b);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let counter = 0;
  for (const start of [...nodes].sort()) {
    if (index.has(start)) continue;
    const work: { v: string; it: Iterator<string> }[] = [];
    const enter = (v: string) => {
      index.set(v, counter);
      low.set(v, counter);
      counter++;
      stack.push(v);
      onStack.add(v);
      work.push({ v, it: [...(edges.get(v)?.keys() ?? [])].sort()[Symbol.iterator]() });
    };
    enter(start);
    while (work.length) {
      const top = work[work.length - 1]!;
      const next = top.it.next();
      if (!next.done) {
        const w = next.value;
        if (!index.has(w)) enter(w);
        else if (onStack.has(w)) low.set(top.v, Math.min(low.get(top.v)!, index.get(w)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.v, Math.min(low.get(parent.v)!, low.get(top.v)!));
      if (low.get(top.v) === index.get(top.v)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== top.v);
        if (comp.length > 1) out.push(comp.sort());
      }
    }
  }
  return out.sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

/** One concrete cycle through a component, starting and ending at its first module: a → b → … → a (BFS, shortest). */
export function cyclePath(component: string[], edges: Map<string, Map<string, number>>): string[] {
  const inComp = new Set(component);
  const start = component[0]!;
  const prev = new Map<string, string>();
  const queue = [start];
  const seen = new Set<string>();
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of [...(edges.get(v)?.keys() ?? [])].sort()) {
      if (!inComp.has(w)) continue;
      if (w === start) {
        const path = [start];
        let cur = v;
        const back: string[] = [];
        while (cur !== start) {
          back.push(cur);
          cur = prev.get(cur)!;
        }
        return [...path, ...back.reverse(), start];
      }
      if (!seen.has(w)) {
        seen.add(w);
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return [...component, start];
}

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
