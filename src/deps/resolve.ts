import path from 'node:path';
import { lockCandidates, type Located } from '../facts/manifests/read.js';

/** Which file locks which, among the files read. */
export function lockPairs(files: string[]): { manifest: string; lock: string }[] {
  const have = new Set(files);
  return files.flatMap((f) => lockCandidates(f).filter((l) => have.has(l)).map((lock) => ({ manifest: f, lock })));
}

const LOCKS = new Set(['poetry.lock', 'uv.lock', 'pdm.lock']);

/**
 * Workspace members (uv and PDM workspaces, Poetry path dependencies): a lock whose local entry
 * (`source = { editable = "backend" }`, a `directory` source) points at a folder holding a
 * pyproject.toml with no lock of its own resolves that member's requirements too.
 */
export function memberPairs(deps: Located[], files: string[]): { manifest: string; lock: string }[] {
  const have = new Set(files);
  const out: { manifest: string; lock: string }[] = [];
  const seen = new Set<string>();
  for (const d of deps) {
    if ((d.kind !== 'editable' && d.kind !== 'path') || !LOCKS.has(path.posix.basename(d.path)) || !d.specifier) continue;
    const dir = path.posix.normalize(path.posix.join(path.posix.dirname(d.path), d.specifier.replace(/^file:(\/\/)?/, '')));
    if (dir === '.' || dir.startsWith('..') || path.posix.isAbsolute(dir)) continue;
    const manifest = `${dir}/pyproject.toml`;
    if (!have.has(manifest) || seen.has(manifest) || lockCandidates(manifest).some((l) => have.has(l))) continue;
    seen.add(manifest);
    out.push({ manifest, lock: d.path });
  }
  return out;
}

/**
 * Where a lock resolves a manifest, the lock's entry is the dependency: the manifest's line for the
 * same package is not reported again (its range is what the lock resolved), and the lock entry
 * records where it was declared and that it is direct. A `-c` constraints pin resolves a range or
 * unpinned requirements line the same way. Lock entries no manifest declares are marked transitive.
 */
export function resolveLocks(deps: Located[], files: string[]): Located[] {
  const dropped = new Set<Located>();
  const byFile = new Map<string, Located[]>();
  for (const d of deps) {
    const list = byFile.get(d.path);
    if (list) list.push(d);
    else byFile.set(d.path, [d]);
  }
  const resolveWith = (pins: Map<string, Located>, declared: Located[]) => {
    for (const d of declared) {
      const pin = pins.get(d.name);
      if (!pin || pin === d) continue;
      dropped.add(d);
      pin.direct = true;
      pin.declared ??= { path: d.path, line: d.line, specifier: d.specifier };
      if (pin.group === 'main' && d.group !== 'main') pin.group = d.group;
    }
  };
  const pairs = [...lockPairs(files), ...memberPairs(deps, files)];
  for (const { manifest, lock } of pairs) {
    const pins = new Map<string, Located>();
    for (const d of byFile.get(lock) ?? []) if (!pins.has(d.name)) pins.set(d.name, d);
    resolveWith(pins, byFile.get(manifest) ?? []);
  }
  for (const { lock } of pairs) for (const d of byFile.get(lock) ?? []) d.direct ??= false;
  const constraints = new Map<string, Located>();
  for (const d of deps) if (d.constraint && d.version && !constraints.has(d.name)) constraints.set(d.name, d);
  if (constraints.size) {
    resolveWith(constraints, deps.filter((d) => !d.constraint && d.source === 'requirements' && (d.kind === 'range' || d.kind === 'unpinned')));
  }
  return deps.filter((d) => !dropped.has(d));
}
