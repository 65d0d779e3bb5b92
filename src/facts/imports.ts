import type { PythonFileFacts } from '../python/analyze.js';
import { absoluteImport, resolveProjectModule } from '../python/modules.js';
import { isStdlib } from './stdlib.js';

export interface ImportUse {
  path: string;
  line: number;
}

/** One project-internal import edge: its first line, and whether it runs when the importer is imported. */
export interface ImportEdge {
  line: number;
  /**
   * Only under `if TYPE_CHECKING:` or inside a function body: it does not run at import time, so it
   * cannot close an import cycle (it is how a cycle is legitimately broken).
   */
  deferred: boolean;
}

export interface ImportGraph {
  /** module → path */
  modules: Map<string, string>;
  /** Project-internal edges, deduplicated (an eager import wins over a deferred one), with the first line of each. */
  edges: Map<string, Map<string, ImportEdge>>;
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
  const paths = new Set(files.map((f) => f.path));
  for (const f of files) {
    localTops.add(f.module.split('.')[0]!);
    // A script's folder is on sys.path when it runs, so its siblings import by bare name; a module inside
    // a regular package is never importable by its stem alone (saleor/core/jwt.py is not `import jwt`).
    const dir = f.path.includes('/') ? f.path.slice(0, f.path.lastIndexOf('/')) : '';
    if (!paths.has(dir ? `${dir}/__init__.py` : '__init__.py')) localTops.add(f.path.split('/').pop()!.replace(/\.py$/, ''));
  }
  const edges = new Map<string, Map<string, ImportEdge>>();
  const thirdParty = new Map<string, ImportUse[]>();
  const softThirdParty = new Set<string>();
  const importedBy = new Map<string, Set<string>>();
  const addEdge = (from: string, to: string, line: number, deferred: boolean) => {
    if (from === to) return;
    let m = edges.get(from);
    if (!m) edges.set(from, (m = new Map()));
    const old = m.get(to);
    if (!old || (old.deferred && !deferred)) m.set(to, { line, deferred });
    let s = importedBy.get(to);
    if (!s) importedBy.set(to, (s = new Set()));
    s.add(from);
  };
  for (const f of files) {
    for (const imp of f.health.imports ?? []) {
      const base = absoluteImport(f.module, f.path, imp.level, imp.name);
      if (base === null) continue;
      const targets: string[] = [];
      // `from pkg import mod` imports the submodule pkg.mod when it exists.
      const names = imp.names ?? [];
      const subs = names.filter((n) => n !== '*' && base && known.has(`${base}.${n}`));
      for (const n of subs) targets.push(`${base}.${n}`);
      const resolved = base ? resolveProjectModule(base, known) : null;
      // The package itself is an edge only when something else than its submodules is imported from it.
      if (resolved && (subs.length < names.length || names.length === 0 || resolved !== base)) targets.push(resolved);
      if (targets.length || resolved) {
        // A module's own ancestor packages are always initialised before it: not a dependency worth drawing.
        for (const t of targets) if (!f.module.startsWith(t + '.')) addEdge(f.module, t, imp.line, imp.typing === true || imp.deferred === true);
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

/** The edges that run at import time: the only ones that can make import order matter. */
export function eagerEdges(edges: Map<string, Map<string, ImportEdge>>): Map<string, Map<string, ImportEdge>> {
  const out = new Map<string, Map<string, ImportEdge>>();
  for (const [a, m] of edges) {
    const kept = new Map([...m].filter(([, e]) => !e.deferred));
    if (kept.size) out.set(a, kept);
  }
  return out;
}

/**
 * Strongly connected components with more than one module (Tarjan, iterative), each sorted, the list
 * sorted. Pass `eagerEdges(graph.edges)` for the cycles that matter at import time.
 */
export function importCycles(edges: Map<string, Map<string, unknown>>): string[][] {
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
export function cyclePath(component: string[], edges: Map<string, Map<string, unknown>>): string[] {
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

