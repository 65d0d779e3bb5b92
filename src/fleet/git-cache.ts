import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { RepoInfo } from '../sources/git.js';
import { stripCredentials } from '../store/index.js';

// No prompt may ever wait for a password: a worker has no terminal. Credentials come from the worker
// machine's own git setup (credential helper, SSH agent), never from the queue or the store.
const GIT_ENV = { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: 'true', LC_ALL: 'C', GIT_CONFIG_NOSYSTEM: '1' };

/** A git URL (`scheme://…` or scp-like `user@host:path`) rather than a local path. */
export function isGitUrl(spec: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(spec) || /^[\w.-]+@[\w.-]+:/.test(spec);
}

/** Hide every `user:password@` in a text (git echoes URLs in its errors). */
export function redactText(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, '$1');
}

/** Run git; rejects with its first stderr line, credentials removed. */
export function runGit(args: string[], opts: { cwd?: string; timeoutMs?: number } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd: opts.cwd, env: GIT_ENV, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: opts.timeoutMs ?? 600_000 }, (err, stdout, stderr) => {
      if (!err) return resolve(stdout);
      const why = (stderr || err.message).trim().split('\n').filter(Boolean).pop() ?? 'failed';
      reject(new Error(redactText(`git ${args[0]}: ${why}`)));
    });
  });
}

/** The commit a repository's HEAD points at, asked of the remote (or local repository) itself; null when it has none. */
export async function remoteHead(source: string): Promise<string | null> {
  const out = await runGit(['ls-remote', '--', source, 'HEAD'], { timeoutMs: 60_000 });
  return /^([0-9a-f]{40,64})\s/.exec(out)?.[1] ?? null;
}

/**
 * Bring a repository into the cache and check out its HEAD: a bare mirror (`git clone --mirror`, then
 * `fetch --prune`) and one work tree on it. Returns the work tree and the commit checked out. A half-made
 * mirror (a worker killed mid-clone) is never used: clones go to a temporary name and are renamed when done.
 */
export async function checkout(cacheDir: string, key: string, source: string): Promise<{ dir: string; commit: string }> {
  const base = path.join(cacheDir, createHash('sha256').update(key).digest('hex').slice(0, 24));
  const mirror = path.join(base, 'mirror.git');
  const tree = path.join(base, 'tree');
  mkdirSync(base, { recursive: true });
  try {
    return await update(base, mirror, tree, source);
  } catch {
    // Whatever state a killed worker or a force-pushed remote left, start this repository's cache afresh once.
    rmSync(base, { recursive: true, force: true });
    mkdirSync(base, { recursive: true });
    return update(base, mirror, tree, source);
  }
}

async function update(base: string, mirror: string, tree: string, source: string): Promise<{ dir: string; commit: string }> {
  // Each git start forks the worker's whole process: a fresh clone skips the steps that have nothing to do.
  let fresh = false;
  if (!existsSync(mirror)) {
    const tmp = path.join(base, `mirror.tmp-${process.pid}`);
    rmSync(tmp, { recursive: true, force: true });
    await runGit(['clone', '--mirror', '--quiet', '--', source, tmp]);
    // The remote URL is what the scan reports as the repository's identity: never with credentials.
    const clean = stripCredentials(source);
    if (clean !== source) await runGit(['--git-dir', tmp, 'remote', 'set-url', 'origin', clean]);
    renameSync(tmp, mirror);
    fresh = true;
  } else {
    await runGit(['--git-dir', mirror, 'fetch', '--prune', '--quiet', '--', source, '+refs/*:refs/*']);
  }
  const headOf = async () => (await runGit(['--git-dir', mirror, 'rev-parse', '--verify', 'HEAD^{commit}'])).trim();
  if (fresh) {
    // the new work tree is checked out at the mirror's HEAD and records the commit it detached at
    await runGit(['--git-dir', mirror, 'worktree', 'add', '--detach', '--force', '--quiet', tree, 'HEAD']);
    return { dir: tree, commit: detachedAt(tree) ?? (await headOf()) };
  }
  const commit = await headOf();
  if (!existsSync(tree)) {
    // a work tree removed by hand (or by a killed worker) is still registered in an older mirror
    await runGit(['--git-dir', mirror, 'worktree', 'prune']);
    await runGit(['--git-dir', mirror, 'worktree', 'add', '--detach', '--force', '--quiet', tree, commit]);
  } else {
    await runGit(['checkout', '--detach', '--force', '--quiet', commit], { cwd: tree });
    await runGit(['clean', '-fdxq'], { cwd: tree });
  }
  return { dir: tree, commit };
}

/** The commit a detached work tree's HEAD names, read from its administrative folder; null when that is not plain. */
function detachedAt(tree: string): string | null {
  try {
    const gitdir = /^gitdir: (.+)$/m.exec(readFileSync(path.join(tree, '.git'), 'utf8'))?.[1];
    if (!gitdir) return null;
    return /^([0-9a-f]{40}|[0-9a-f]{64})$/.exec(readFileSync(path.resolve(tree, gitdir.trim(), 'HEAD'), 'utf8').trim())?.[1] ?? null;
  } catch {
    return null;
  }
}

/**
 * What `pyvet scan` would ask git about a checked-out work tree, known here without asking: its top, the
 * commit it is detached at, and the remote the mirror was cloned from (credentials removed).
 */
export function checkoutRepoInfo(tree: string, commit: string, source: string): RepoInfo {
  return { top: realpathSync(tree), head: commit, branch: 'HEAD', remote: stripCredentials(source) };
}
