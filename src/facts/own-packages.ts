import type { Workspace } from '../sources/workspace.js';
import { parseIni, pyprojects, tableAt } from './config.js';
import { normalizeDist } from './import-names.js';

/** What the project itself provides, from its packaging config. */
export interface OwnPackages {
  /** Its own distribution names (PEP 503), from `[project].name`, `[tool.poetry].name`, setup.cfg `[metadata] name`. */
  distributions: Set<string>;
  /** Top-level import names its packaging config lists: setuptools `packages`/`py-modules`/`package-dir`,
   * Poetry `packages`, Hatch wheel `packages`, Flit `module`, setup.cfg `packages`/`py_modules`. */
  tops: Set<string>;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Read every pyproject.toml and setup.cfg of the tree (a monorepo has several) that `keep` accepts:
 * a fixture's or an example's manifest is not the project's. */
export function ownPackages(ws: Workspace, keep: (path: string) => boolean): OwnPackages {
  const distributions = new Set<string>();
  const tops = new Set<string>();
  const addTop = (s: unknown) => {
    if (typeof s !== 'string') return;
    // `pkg.sub`, `src/pkg`, `pkg/**/*.py`: the first segment that is a name after any source folder.
    const top = s.replace(/^\.?\/?(src|lib)\//, '').split(/[./]/)[0] ?? '';
    if (IDENT.test(top)) tops.add(top);
  };
  const addDist = (s: unknown) => {
    if (typeof s === 'string' && s.trim()) distributions.add(normalizeDist(s.trim()));
  };
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  for (const { path, doc } of pyprojects(ws)) {
    if (!keep(path)) continue;
    addDist(tableAt(doc, 'project', 'name'));
    addDist(tableAt(doc, 'tool', 'poetry', 'name'));
    for (const p of list(tableAt(doc, 'tool', 'setuptools', 'packages'))) addTop(p);
    for (const p of list(tableAt(doc, 'tool', 'setuptools', 'py-modules'))) addTop(p);
    const dirs = tableAt(doc, 'tool', 'setuptools', 'package-dir');
    if (dirs && typeof dirs === 'object') for (const k of Object.keys(dirs)) addTop(k);
    for (const p of list(tableAt(doc, 'tool', 'poetry', 'packages'))) addTop((p as { include?: unknown } | null)?.include);
    for (const p of list(tableAt(doc, 'tool', 'hatch', 'build', 'targets', 'wheel', 'packages'))) addTop(typeof p === 'string' ? p.split('/').pop() : p);
    addTop(tableAt(doc, 'tool', 'flit', 'module', 'name'));
  }
  for (const f of ws.files) {
    if (!/(^|\/)setup\.cfg$/.test(f.path) || !keep(f.path)) continue;
    const ini = parseIni(ws.text(f.path) ?? '');
    addDist(ini.get('metadata')?.get('name')?.value);
    const options = ini.get('options');
    for (const key of ['packages', 'py_modules']) {
      const v = options?.get(key)?.value ?? '';
      if (!/^\s*find(_namespace)?:/.test(v)) for (const p of v.split(/[\s,]+/)) if (p) addTop(p);
    }
  }
  return { distributions, tops };
}
