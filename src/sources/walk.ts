import { isUtf8 } from 'node:buffer';
import { existsSync, lstatSync, readdirSync, type Dirent } from 'node:fs';
import path from 'node:path';
import type { Ignore } from 'ignore';
import { ignore } from './ignore.js';
import type { ScanError } from '../core/errors.js';
import { git, gitAsync, mayBeInRepository } from './git.js';
import { readSmallFile, resolveInside } from './read.js';

export interface WalkedFile {
  /** Relative to the root, '/'-separated. */
  path: string;
  abs: string;
  size: number;
  /** What the walk's lstat saw, so a cache can tell an unchanged file without a second stat; absent for files named directly. */
  stat?: FileStat;
}

export interface FileStat {
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

export interface WalkResult {
  files: WalkedFile[];
  /** Symlinks are never followed: a link can point out of the tree or into a loop. */
  skippedSymlinks: number;
  /** Entries that could not be listed, named or read, each with why; the walk went on without them. */
  errors: ScanError[];
}

/** Directories no reviewer wants scanned: VCS metadata, virtualenvs, caches, installed packages, build output. */
export const SKIP_DIRS = new Set([
  '.git', '.hg', '.svn', 'node_modules', '__pycache__', '.venv', 'venv', 'env', '.env', 'virtualenv',
  '.virtualenv', 'site-packages', 'dist-packages', '.tox', '.nox', '.mypy_cache', '.pytest_cache',
  '.ruff_cache', '.eggs', 'build', 'dist', '.idea', '.vscode', 'htmlcov', '.hypothesis', 'pyvet-report',
]);

/** Names that are also ordinary package names (poetry's `poetry.utils.env`, a `build` package). */
const PACKAGE_NAMES = new Set(['env', 'venv', 'virtualenv', 'build', 'dist']);

function isSkippedDir(name: string, absDir: string): boolean {
  if (PACKAGE_NAMES.has(name) && existsSync(path.join(absDir, '__init__.py'))) return false;
  return SKIP_DIRS.has(name) || name.endsWith('.egg-info');
}

export interface WalkOptions {
  /** gitignore-style patterns from config, relative to the root. */
  exclude?: string[];
  /** Honour the root .gitignore (default true): what git ignores was never handed over. */
  gitignore?: boolean;
  /** What trackedPaths(root) gives, when the caller read it already (trackedPathsAsync). */
  tracked?: Set<string>;
}

/**
 * Files git tracks under `root` (relative to it), and their parent folders. .gitignore only hides
 * untracked files in git itself (saleor's `.*` pattern would otherwise hide its tracked
 * `.pre-commit-config.yaml`). Read from the index once, so missing objects do not matter; empty
 * outside a repository.
 */
function trackedPaths(root: string): Set<string> {
  return mayBeInRepository(root) ? trackedSet(git(root, ['ls-files', '-z', '--', '.'])) : new Set();
}

/** trackedPaths without waiting for git, to run beside the other git commands a scan starts with. */
export async function trackedPathsAsync(root: string): Promise<Set<string>> {
  return mayBeInRepository(root) ? trackedSet(await gitAsync(root, ['ls-files', '-z', '--', '.'])) : new Set();
}

/** `git ls-files -z` output (paths relative to the root: no --full-name) as a set of files and their folders. */
function trackedSet(listed: string | null): Set<string> {
  const out = new Set<string>();
  if (listed === null) return out;
  for (const rel of listed.split('\0')) {
    if (!rel) continue;
    out.add(rel);
    for (let i = rel.lastIndexOf('/'); i > 0; i = rel.lastIndexOf('/', i - 1)) {
      const dir = rel.slice(0, i) + '/';
      if (out.has(dir)) break;
      out.add(dir);
    }
  }
  return out;
}

/** A .gitignore larger than this is not a hand-written one: it is refused rather than read. */
const GITIGNORE_CAP = 1024 * 1024;

/** The patterns that hide files from the walk; null when there are none (matching every path against none cost ~100 ms on the stdlib). */
function loadIgnore(root: string, opts: WalkOptions, errors: ScanError[]): Ignore | null {
  const ig = ignore();
  let patterns = false;
  if (opts.exclude?.length) {
    ig.add(opts.exclude);
    patterns = true;
  }
  if (opts.gitignore !== false) {
    const at = resolveInside(root, '.gitignore');
    if ('abs' in at) {
      try {
        ig.add(readSmallFile(at.abs, GITIGNORE_CAP));
        patterns = true;
      } catch (err) {
        errors.push({ path: '.gitignore', message: `${(err as Error).message.replace(`${at.abs}: `, '')}; not read` });
      }
    } else if (at.error !== 'ENOENT') errors.push({ path: '.gitignore', message: at.error });
  }
  return patterns ? ig : null;
}

/** A file name as bytes, shown without letting odd bytes through: printable ASCII as is, anything else as \xNN. */
export function escapeNameBytes(name: Buffer): string {
  let out = '';
  for (const b of name) out += b >= 0x20 && b < 0x7f && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`;
  return out;
}

function describe(d: Dirent<Buffer>): string {
  if (d.isFIFO()) return 'a named pipe';
  if (d.isSocket()) return 'a socket';
  if (d.isCharacterDevice() || d.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

function ignored(ig: Ignore, rel: string): boolean {
  try {
    return ig.ignores(rel);
  } catch {
    // `ignore` refuses some names (e.g. only dots); such a name is simply not matched by a pattern.
    return false;
  }
}

/**
 * List the files under `root` once; every analyzer works from this list. An entry that cannot be
 * listed (permissions, a path longer than the system allows) or named (bytes that are not UTF-8) is
 * recorded in `errors` and the walk goes on: one bad folder never empties the scan. Only regular
 * files are listed: pipes, devices and sockets would hang or never end when read.
 */
export function walk(root: string, opts: WalkOptions = {}): WalkResult {
  const errors: ScanError[] = [];
  const ig = loadIgnore(root, opts, errors);
  // Config `exclude` patterns still apply to tracked files; only .gitignore gives way to git's index.
  const tracked = opts.gitignore === false ? new Set<string>() : opts.tracked ?? trackedPaths(root);
  const excl = tracked.size && opts.exclude?.length ? ignore().add(opts.exclude) : null;
  const hidden = (rel: string): boolean =>
    tracked.has(rel) ? (excl ? ignored(excl, rel) : false) : ig !== null && ignored(ig, rel);
  const files: WalkedFile[] = [];
  let skippedSymlinks = 0;
  // Depth-first with an explicit stack: a tree thousands of folders deep must not overflow the call stack.
  const stack: string[] = [''];
  while (stack.length) {
    const relDir = stack.pop()!;
    const absDir = relDir ? path.join(root, relDir) : root;
    let entries: Dirent<Buffer>[];
    try {
      entries = readdirSync(absDir, { withFileTypes: true, encoding: 'buffer' });
    } catch (err) {
      errors.push({ path: relDir || '.', message: `folder not read (${(err as NodeJS.ErrnoException).code ?? String(err)}); skipped` });
      continue;
    }
    for (const d of entries) {
      if (!isUtf8(d.name)) {
        const shown = (relDir ? relDir + '/' : '') + escapeNameBytes(d.name);
        errors.push({ path: shown, message: 'name is not valid UTF-8; skipped' });
        continue;
      }
      const name = d.name.toString('utf8');
      const rel = relDir ? `${relDir}/${name}` : name;
      if (d.isSymbolicLink()) {
        skippedSymlinks++;
        continue;
      }
      if (d.isDirectory()) {
        if (isSkippedDir(name, path.join(absDir, name)) || hidden(rel + '/')) continue;
        stack.push(rel);
        continue;
      }
      if (hidden(rel)) continue;
      if (!d.isFile()) {
        errors.push({ path: rel, message: `${describe(d)}; not read` });
        continue;
      }
      const abs = path.join(root, rel);
      try {
        const st = lstatSync(abs);
        // Swapped for a link or something else since the listing: not read.
        if (!st.isFile()) continue;
        files.push({ path: rel, abs, size: st.size, stat: { mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino } });
      } catch (err) {
        errors.push({ path: rel, message: `not read (${(err as NodeJS.ErrnoException).code ?? String(err)})` });
      }
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, skippedSymlinks, errors };
}
