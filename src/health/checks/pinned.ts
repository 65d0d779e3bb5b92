import path from 'node:path';
import type { Dependency } from '../../deps/types.js';

/**
 * Requirements files that are the hand-edited input of a pinned sibling: `base_requirements.txt`
 * (names and ranges) beside `requirements.txt` (every one of those names pinned with `==`), the
 * layout pip-compile's `.in` → `.txt` pairs and `pip freeze` workflows leave. The sibling is what gets
 * installed, so the input's ranges are resolved, not loose. A file counts as an input only when every
 * name it gives a range (or nothing) is pinned in one sibling: a `requirements-dev.txt` of other tools
 * stays unpinned. Returns the input files' entries that such a sibling pins.
 */
export function pinnedBySibling(deps: Dependency[]): Set<Dependency> {
  const files = new Map<string, Dependency[]>();
  for (const d of deps) {
    if (d.source !== 'requirements') continue;
    const list = files.get(d.path);
    if (list) list.push(d);
    else files.set(d.path, [d]);
  }
  const out = new Set<Dependency>();
  for (const [file, entries] of files) {
    const loose = entries.filter((d) => d.kind === 'range' || d.kind === 'unpinned');
    if (!loose.length) continue;
    const dir = path.posix.dirname(file);
    for (const [other, pins] of files) {
      if (other === file || path.posix.dirname(other) !== dir) continue;
      const pinned = new Set(pins.filter((d) => d.version !== null).map((d) => d.name));
      if (!loose.every((d) => pinned.has(d.name))) continue;
      for (const d of loose) out.add(d);
      break;
    }
  }
  return out;
}
