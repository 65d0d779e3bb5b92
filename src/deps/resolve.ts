import path from 'node:path';
import type { Located } from './index.js';

const LOCKS_OF: Record<string, string[]> = {
  'pyproject.toml': ['poetry.lock', 'uv.lock', 'pdm.lock'],
  Pipfile: ['Pipfile.lock'],
};

/** Which file locks which: a lock beside its manifest, and pip-compile's `x.txt` beside `x.in`. */
export function lockPairs(files: string[]): { manifest: string; lock: string }[] {
  const have = new Set(files);
  const pairs: { manifest: string; lock: string }[] = [];
  for (const f of files) {
    const dir = path.posix.dirname(f);
    const base = path.posix.basename(f);
    const join = (name: string) => (dir === '.' ? name : `${dir}/${name}`);
    for (const lock of LOCKS_OF[base] ?? []) if (have.has(join(lock))) pairs.push({ manifest: f, lock: join(lock) });
    if (base.endsWith('.in') && have.has(join(base.replace(/\.in$/, '.txt')))) pairs.push({ manifest: f, lock: join(base.replace(/\.in$/, '.txt')) });
  }
  return pairs;
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
  for (const d of deps) byFile.set(d.path, [...(byFile.get(d.path) ?? []), d]);
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
  const pairs = lockPairs(files);
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
