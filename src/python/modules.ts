import path from 'node:path';

/**
 * Dotted module names for a project's Python files. A file's package root is the first folder
 * above it without `__init__.py`; files outside any regular package (implicit namespace packages,
 * scripts) are named from the scanned root, with a leading `src/` dropped (the src layout); under
 * `src/` a folder without `__init__.py` holding packages is a namespace package named from `src/`.
 */
export function moduleNames(pyPaths: string[]): Map<string, string> {
  const all = new Set(pyPaths);
  const hasInit = (dir: string) => all.has(dir === '' ? '__init__.py' : `${dir}/__init__.py`);
  const out = new Map<string, string>();
  for (const p of pyPaths) {
    const dir = path.posix.dirname(p) === '.' ? '' : path.posix.dirname(p);
    let base = dir;
    while (base !== '' && hasInit(base)) base = parentDir(base);
    let rel: string;
    const srcRoot = /^(?:[^/]+\/)?src\//.exec(p)?.[0];
    if (base === dir) {
      // Not in a regular package: name from the root (src layout aside).
      rel = p.startsWith('src/') ? p.slice(4) : p;
    } else if (srcRoot && base.length >= srcRoot.length - 1) {
      // Under src/, a folder without __init__.py above a package is a namespace package (PEP 420):
      // src/poetry/console/__init__.py is poetry.console, not console.
      rel = p.slice(srcRoot.length);
    } else {
      rel = base === '' ? p : p.slice(base.length + 1);
    }
    out.set(p, toDotted(rel));
  }
  return out;
}

function parentDir(dir: string): string {
  const i = dir.lastIndexOf('/');
  return i < 0 ? '' : dir.slice(0, i);
}

function toDotted(rel: string): string {
  const noExt = rel.replace(/\.pyi?$/, '');
  const parts = noExt.split('/');
  if (parts.length > 1 && parts[parts.length - 1] === '__init__') parts.pop();
  return parts.join('.');
}

/** The package a module's relative imports start from: itself for `__init__.py`, else its parent. */
export function packageOf(module: string, filePath: string): string {
  if (/(^|\/)__init__\.pyi?$/.test(filePath)) return module;
  const i = module.lastIndexOf('.');
  return i < 0 ? '' : module.slice(0, i);
}

/** Absolute dotted name of `from <dots><name> import …` seen in `module` (null when it climbs above the top). */
export function absoluteImport(module: string, filePath: string, level: number, name: string): string | null {
  if (level === 0) return name;
  let pkg = packageOf(module, filePath);
  for (let i = 1; i < level; i++) {
    if (pkg === '') return null;
    const j = pkg.lastIndexOf('.');
    pkg = j < 0 ? '' : pkg.slice(0, j);
  }
  if (!name) return pkg || null;
  return pkg ? `${pkg}.${name}` : name;
}

/** The longest prefix of a dotted name that is a project module, or null. */
export function resolveProjectModule(name: string, known: Set<string>): string | null {
  let cur = name;
  for (;;) {
    if (known.has(cur)) return cur;
    const i = cur.lastIndexOf('.');
    if (i < 0) return null;
    cur = cur.slice(0, i);
  }
}
