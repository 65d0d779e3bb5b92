import { createRequire } from 'node:module';
import { importCycles } from '../facts/imports.js';
import type { ELK as ElkApi, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import type { HealthReport } from '../health/types.js';
import type { ModuleIndex } from './resolve.js';
import type { Architecture } from './types.js';
import { memoized } from '../cache/memo.js';

/** More boxes than this and a map stops being readable: packages are condensed to a shallower depth. */
export const MAX_NODES = 20;
const ROOT = '(top-level modules)';
const OTHER = '(other packages)';

// The bundled build lays out in-process (no worker thread); it is CommonJS exporting the constructor.
// Loaded on first layout only: compiling its 1.5 MB costs ~130 ms, which a remembered layout does not need.
let ELK: (new () => ElkApi) | undefined;
const elk = (): ElkApi => new (ELK ??= createRequire(import.meta.url)('elkjs/lib/elk.bundled.js') as new () => ElkApi)();

interface ModInfo { module: string; path: string; loc: number }

/** The package a module belongs to: itself for a package `__init__`, else its parent; top-level scripts share one box. */
export function packageOf(m: ModInfo): string {
  if (/(^|\/)__init__\.pyi?$/.test(m.path)) return m.module || ROOT;
  const i = m.module.lastIndexOf('.');
  return i < 0 ? ROOT : m.module.slice(0, i);
}


/** Project-internal module import edges: health's when it computed them, else from the brief's own import facts. */
function moduleEdges(ix: ModuleIndex, health: HealthReport | null): [string, string, boolean][] {
  // the brief's own facts know which imports are deferred (function-local, TYPE_CHECKING); health's list is the fallback
  const out: [string, string, boolean][] = [];
  if (!ix.mods.length) {
    const fromHealth = health?.metrics?.imports?.edges;
    if (Array.isArray(fromHealth)) for (const e of fromHealth) if (Array.isArray(e) && e.length === 2) out.push([String(e[0]), String(e[1]), false]);
    return out;
  }
  for (const m of ix.mods) {
    for (const i of m.facts.imports ?? []) {
      const base = ix.absolute(m, i.level, i.module);
      if (base === null) continue;
      const cands = i.name && i.name !== '*' ? [`${base}.${i.name}`, base] : [base];
      let target: string | null = null;
      for (const c of cands) {
        const parts = c.split('.');
        for (let k = parts.length; k > 0 && !target; k--) if (ix.byName.has(parts.slice(0, k).join('.'))) target = parts.slice(0, k).join('.');
        if (target) break;
      }
      if (target && target !== m.module) out.push([m.module, target, !!i.deferred]);
    }
  }
  return out;
}

/** The package cycles, by the same finder health uses for module cycles. */
export function cyclesOf(nodes: string[], edges: Map<string, Set<string>>): string[][] {
  const graph = new Map(nodes.map((n) => [n, new Map([...(edges.get(n) ?? [])].map((w) => [w, true]))]));
  return importCycles(graph).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

/** Package map: module imports condensed to packages, cycles marked, laid out by ELK (layered, top-down). */
export async function buildArchitecture(ix: ModuleIndex, health: HealthReport | null, cacheDir?: string | null): Promise<Architecture> {
  // Sizes come from the brief's own per-file facts so that the map and the "Size" line agree.
  const mods: ModInfo[] = ix.mods.map((m) => ({ module: m.module, path: m.path, loc: m.facts.loc }));
  const pkgOf = new Map(mods.map((m) => [m.module, packageOf(m)]));
  // Top-level packages first; a box holding most of the files (saleor/, netbox/) is opened one level down, again
  // while one box still dominates and the map stays within MAX_NODES.
  const open = new Set<string>();
  const boxPkg = (pkg: string): string => {
    if (pkg === ROOT) return pkg;
    const parts = pkg.split('.');
    let k = 1;
    while (k < parts.length && open.has(parts.slice(0, k).join('.'))) k++;
    return parts.slice(0, k).join('.');
  };
  let depth = 1;
  for (let round = 0; round < 4; round++) {
    const count = new Map<string, number>();
    for (const p of pkgOf.values()) count.set(boxPkg(p), (count.get(boxPkg(p)) ?? 0) + 1);
    const [big, n] = [...count].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
    if (!big || big === ROOT || n < mods.length * 0.5) break;
    open.add(big);
    // too many sub-packages: the biggest are kept and the rest folded below, so a modest overshoot is fine
    if (new Set([...pkgOf.values()].map(boxPkg)).size > MAX_NODES * 2) {
      open.delete(big);
      break;
    }
    depth = Math.max(depth, big.split('.').length + 1);
  }

  const sizes = new Map<string, { files: number; loc: number }>();
  for (const m of mods) {
    const p = boxPkg(pkgOf.get(m.module)!);
    const n = sizes.get(p) ?? { files: 0, loc: 0 };
    n.files++;
    n.loc += typeof m.loc === 'number' ? m.loc : 0;
    sizes.set(p, n);
  }
  // Still too many top-level packages: keep the biggest, fold the rest into one box.
  const kept = new Set([...sizes.entries()].sort((a, b) => b[1].loc - a[1].loc || (a[0] < b[0] ? -1 : 1)).slice(0, sizes.size > MAX_NODES ? MAX_NODES - 1 : MAX_NODES).map(([k]) => k));
  const boxOf = (pkg: string): string => {
    const t = boxPkg(pkg);
    return kept.has(t) ? t : OTHER;
  };
  const nodes = new Map<string, { files: number; loc: number }>();
  for (const [p, n] of sizes) {
    const b = kept.has(p) ? p : OTHER;
    const acc = nodes.get(b) ?? { files: 0, loc: 0 };
    acc.files += n.files;
    acc.loc += n.loc;
    nodes.set(b, acc);
  }
  const weights = new Map<string, number>();
  /** Box pairs joined only by deferred imports: drawn dashed, never part of a cycle. */
  const eager = new Set<string>();
  const adj = new Map<string, Set<string>>();
  for (const [from, to, deferred] of moduleEdges(ix, health)) {
    const a = pkgOf.get(from);
    const b = pkgOf.get(to);
    if (a === undefined || b === undefined) continue;
    const pa = boxOf(a);
    const pb = boxOf(b);
    if (pa === pb) continue;
    const k = `${pa}\u0000${pb}`;
    weights.set(k, (weights.get(k) ?? 0) + 1);
    if (deferred) continue;
    eager.add(k);
    if (!adj.has(pa)) adj.set(pa, new Set());
    adj.get(pa)!.add(pb);
  }
  const names = [...nodes.keys()].sort();
  const cycles = cyclesOf(names, adj);
  const compOf = new Map<string, number>();
  cycles.forEach((c, i) => c.forEach((n) => compOf.set(n, i)));

  const arch: Architecture = { nodes: [], edges: [], width: 0, height: 0, cycles, depth };
  if (!names.length) return arch;
  const edgeList = [...weights.entries()].map(([k, w]) => {
    const [from, to] = k.split('\u0000') as [string, string];
    return { from, to, imports: w, deferred: !eager.has(k) };
  });
  edgeList.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : 1));
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.edgeRouting': 'POLYLINE',
      'elk.spacing.nodeNode': '30',
      'elk.layered.spacing.nodeNodeBetweenLayers': '50',
      'elk.padding': '[top=10,left=10,bottom=10,right=10]',
    },
    children: names.map((n, i) => ({ id: `n${i}`, width: Math.max(110, Math.min(n.length, 40) * 7.2 + 24), height: 44 })),
    edges: edgeList.map((e, i): ElkExtendedEdge => ({ id: `e${i}`, sources: [`n${names.indexOf(e.from)}`], targets: [`n${names.indexOf(e.to)}`] })),
  };
  const laid = await memoized(cacheDir, 'elk-layout', graph, () => elk().layout(graph));
  arch.width = Math.ceil(laid.width ?? 0);
  arch.height = Math.ceil(laid.height ?? 0);
  const round = (x: number) => Math.round(x * 10) / 10;
  for (const [i, n] of names.entries()) {
    const c = laid.children?.find((x) => x.id === `n${i}`);
    const info = nodes.get(n)!;
    arch.nodes.push({ id: n, files: info.files, loc: info.loc, inCycle: compOf.has(n), x: round(c?.x ?? 0), y: round(c?.y ?? 0), width: round(c?.width ?? 0), height: round(c?.height ?? 0) });
  }
  for (const [i, e] of edgeList.entries()) {
    const le = (laid.edges as ElkExtendedEdge[] | undefined)?.find((x) => x.id === `e${i}`);
    const s = le?.sections?.[0];
    const points = s ? [s.startPoint, ...(s.bendPoints ?? []), s.endPoint].map((p) => ({ x: round(p.x), y: round(p.y) })) : [];
    const ca = compOf.get(e.from);
    arch.edges.push({ ...e, cycle: !e.deferred && ca !== undefined && ca === compOf.get(e.to), points });
  }
  return arch;
}
