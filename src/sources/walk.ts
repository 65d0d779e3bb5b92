import { existsSync, lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fdir } from 'fdir';
import ignore, { type Ignore } from 'ignore';

export interface WalkedFile {
  /** Relative to the root, '/'-separated. */
  path: string;
  abs: string;
  size: number;
}

export interface WalkResult {
  files: WalkedFile[];
  /** Symlinks are never followed: a link can point out of the tree or into a loop. */
  skippedSymlinks: number;
  unreadable: string[];
}

/** Directories no reviewer wants scanned: VCS metadata, virtualenvs, caches, installed packages, build output. */
export const SKIP_DIRS = new Set([
  '.git', '.hg', '.svn', 'node_modules', '__pycache__', '.venv', 'venv', 'env', '.env', 'virtualenv',
  '.virtualenv', 'site-packages', 'dist-packages', '.tox', '.nox', '.mypy_cache', '.pytest_cache',
  '.ruff_cache', '.eggs', 'build', 'dist', '.idea', '.vscode', 'htmlcov', '.hypothesis', 'pyvet-report',
]);

/** Names that are also ordinary package names (poetry's `poetry.utils.env`, a `build` package). */
const PACKAGE_NAMES = new Set(['env', 'venv', 'virtualenv', 'build', 'dist']);

function isSkippedDir(name: string, dirPath: string): boolean {
  if (PACKAGE_NAMES.has(name) && existsSync(path.join(dirPath, '__init__.py'))) return false;
  return SKIP_DIRS.has(name) || name.endsWith('.egg-info');
}

export interface WalkOptions {
  /** gitignore-style patterns from config, relative to the root. */
  exclude?: string[];
  /** Honour the root .gitignore (default true): what git ignores was never handed over. */
  gitignore?: boolean;
}

function loadIgnore(root: string, opts: WalkOptions): Ignore {
  const ig = ignore();
  if (opts.exclude?.length) ig.add(opts.exclude);
  if (opts.gitignore !== false) {
    try {
      ig.add(readFileSync(path.join(root, '.gitignore'), 'utf8'));
    } catch {
      // no .gitignore: nothing to add
    }
  }
  return ig;
}

/** List the files under `root` once; every analyzer works from this list. */
export function walk(root: string, opts: WalkOptions = {}): WalkResult {
  const ig = loadIgnore(root, opts);
  const rel = (abs: string) => path.relative(root, abs).split(path.sep).join('/');
  const unreadable: string[] = [];
  const crawler = new fdir()
    .withFullPaths()
    .withErrors()
    .exclude((name, dirPath) => {
      if (isSkippedDir(name, dirPath)) return true;
      const r = rel(dirPath);
      return r !== '' && ig.ignores(r.endsWith('/') ? r : r + '/');
    })
    .filter((p) => !ig.ignores(rel(p)));
  let paths: string[];
  try {
    paths = crawler.crawl(root).sync() as string[];
  } catch (err) {
    unreadable.push(`${root}: ${(err as Error).message}`);
    paths = [];
  }
  const files: WalkedFile[] = [];
  let skippedSymlinks = 0;
  for (const abs of paths) {
    try {
      const st = lstatSync(abs);
      if (st.isSymbolicLink()) {
        skippedSymlinks++;
        continue;
      }
      if (!st.isFile()) continue;
      files.push({ path: rel(abs), abs, size: st.size });
    } catch {
      unreadable.push(rel(abs));
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, skippedSymlinks, unreadable };
}
