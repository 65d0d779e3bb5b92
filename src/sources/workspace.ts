import path from 'node:path';
import type { ScanError } from '../core/errors.js';
import type { PyvetConfig } from '../config/config.js';
import { readText, readTextInside, type ReadResult } from './read.js';
import { trackedPathsAsync, walk, type WalkedFile } from './walk.js';
import { repoInfo, repoInfoAsync, type RepoInfo } from './git.js';

/**
 * One walk of the tree and one read of each file, shared by every analyzer of a scan.
 * Analyzers never walk or read on their own: they ask the workspace.
 */
export class Workspace {
  readonly files: WalkedFile[];
  readonly byPath: Map<string, WalkedFile>;
  readonly errors: ScanError[] = [];
  readonly repo: RepoInfo | null;
  readonly skippedSymlinks: number;
  /** True when the user named files (a manifest given directly) instead of a directory to walk. */
  readonly single: boolean;
  private readonly cache = new Map<string, ReadResult>();
  /** Paths read that the walk did not list (an include, a lock beside a named manifest): what a scan read beyond the tree's stats. */
  readonly readOutside = new Set<string>();

  constructor(
    /** Absolute path of the scanned directory. */
    readonly root: string,
    readonly config: PyvetConfig,
    opts: { files?: WalkedFile[]; repo?: RepoInfo | null; tracked?: Set<string> } = {},
  ) {
    this.single = !!opts.files;
    if (opts.files) {
      this.files = opts.files;
      this.skippedSymlinks = 0;
    } else {
      const w = walk(root, { exclude: config.exclude, tracked: opts.tracked });
      this.files = w.files;
      this.skippedSymlinks = w.skippedSymlinks;
      this.errors.push(...w.errors);
    }
    this.byPath = new Map(this.files.map((f) => [f.path, f]));
    this.repo = opts.repo !== undefined ? opts.repo : repoInfo(root);
  }

  /** A workspace whose git questions (tracked files, HEAD, remote) are asked side by side first. */
  static async open(root: string, config: PyvetConfig, opts: { files?: WalkedFile[]; repo?: RepoInfo } = {}): Promise<Workspace> {
    const [tracked, repo] = await Promise.all([opts.files ? undefined : trackedPathsAsync(root), opts.repo ?? repoInfoAsync(root)]);
    return new Workspace(root, config, { files: opts.files, repo, tracked });
  }

  /** Files whose relative path matches the predicate. */
  select(pred: (relPath: string, base: string) => boolean): WalkedFile[] {
    return this.files.filter((f) => pred(f.path, path.posix.basename(f.path)));
  }

  /** Read a file once (cached), as text when it is text and within the size cap. */
  read(relPath: string): ReadResult {
    let r = this.cache.get(relPath);
    if (!r) {
      const f = this.byPath.get(relPath);
      // A path the walk did not list (an include, a lock beside a named manifest) is read only inside the root.
      if (!f) this.readOutside.add(relPath);
      r = f ? readText(f.abs, this.config.maxFileSize, f.size) : readTextInside(this.root, relPath, this.config.maxFileSize);
      this.cache.set(relPath, r);
    }
    return r;
  }

  /** Text of a file or null (binary, too large, unreadable: the reason is recorded in `errors` once). */
  text(relPath: string): string | null {
    const r = this.read(relPath);
    if (r.kind === 'text') return r.text;
    return null;
  }

  /** Drop one file's cached text (its reader holds it now); a later read reads the file again. */
  forget(relPath: string): void {
    this.cache.delete(relPath);
  }

  /** Drop cached text once every analyzer that needs it is done, to bound memory on big trees. */
  release(): void {
    this.cache.clear();
  }
}

/**
 * A read of the repository that several analyzers share, done once per scan: the first call starts it,
 * later ones get the same promise. A rejection reaches the callers that await it, never as an unhandled one.
 */
export function oncePerScan<T>(read: (ws: Workspace) => Promise<T>): (ws: Workspace) => Promise<T> {
  const started = new WeakMap<Workspace, Promise<T>>();
  return (ws) => {
    let p = started.get(ws);
    if (!p) {
      p = read(ws);
      p.catch(() => undefined);
      started.set(ws, p);
    }
    return p;
  };
}
