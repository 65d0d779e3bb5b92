import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';

const GIT_ENV = { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', GIT_CONFIG_NOSYSTEM: '1' };

/** Run a short git command; null when git fails or the folder is not a repository. */
export function git(cwd: string, args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
}

/** git() without waiting: several short commands run side by side (each start of git costs ~10 ms). */
export function gitAsync(cwd: string, args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, env: GIT_ENV, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }, (err, stdout) => resolve(err ? null : stdout));
  });
}

/**
 * Stream a long git command line by line (git log -p on a big history never fits in memory).
 * Lines are decoded as latin-1 when not valid UTF-8 so odd bytes never throw. Rejects when git exits non-zero.
 * `input` is written to git's standard input (`--stdin`).
 */
export function gitLines(cwd: string, args: string[], onLine: (line: string) => void, input?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, env: GIT_ENV, stdio: ['pipe', 'pipe', 'pipe'] });
    // git may stop reading early (it failed): a broken pipe on stdin is reported by the exit code instead
    child.stdin.on('error', () => {}).end(input ?? '');
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 4096) stderr += d.toString();
    });
    // Lines end at \n only: a lone \r inside a commit message or a path is part of the line (readline would split there).
    const decoder = new StringDecoder('utf8');
    let rest = '';
    const emit = (text: string, final: boolean) => {
      const parts = (rest + text).split('\n');
      rest = final ? '' : parts.pop()!;
      for (const line of final && parts.at(-1) === '' ? parts.slice(0, -1) : parts) onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
    };
    child.stdout.on('data', (d: Buffer) => emit(decoder.write(d), false));
    child.stdout.on('end', () => emit(decoder.end(), true));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`git ${args[0]} exited ${code}: ${stderr.trim().split('\n')[0] ?? ''}`));
    });
  });
}

export interface RepoInfo {
  /** Top level of the work tree. */
  top: string;
  head: string | null;
  branch: string | null;
  remote: string | null;
}

/**
 * Whether git could find a repository from `dir`: a `.git` (folder, or file of a worktree) there or
 * above, or GIT_DIR set. Without one, git is not started at all (two process starts per scan).
 */
export function mayBeInRepository(dir: string): boolean {
  if (process.env.GIT_DIR) return true;
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (existsSync(path.join(d, '.git'))) return true;
    if (path.dirname(d) === d) return false;
  }
}

/** repoInfo with its two git commands side by side. */
export async function repoInfoAsync(dir: string): Promise<RepoInfo | null> {
  if (!mayBeInRepository(dir)) return null;
  const [parsed, remote] = await Promise.all([gitAsync(dir, ['rev-parse', '--show-toplevel', 'HEAD', '--abbrev-ref', 'HEAD']), gitAsync(dir, ['config', '--get', 'remote.origin.url'])]);
  const [top, head, branch] = parsed?.split('\n') ?? [];
  if (top && head && branch) return { top, head, branch, remote: remote?.trim() || null };
  return repoInfo(dir);
}

export function repoInfo(dir: string): RepoInfo | null {
  if (!mayBeInRepository(dir)) return null;
  // One process for the common case (each start forks the whole Node process: it adds up in a fleet
  // worker); a repository without commits fails it and is asked the long way.
  const [top, head, branch] = git(dir, ['rev-parse', '--show-toplevel', 'HEAD', '--abbrev-ref', 'HEAD'])?.split('\n') ?? [];
  const remote = () => git(dir, ['config', '--get', 'remote.origin.url'])?.trim() || null;
  if (top && head && branch) return { top, head, branch, remote: remote() };
  const unbornTop = git(dir, ['rev-parse', '--show-toplevel'])?.trim();
  if (!unbornTop) return null;
  return { top: unbornTop, head: null, branch: null, remote: remote() };
}
