import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { main } from '../src/cli/main.js';
import type { Io } from '../src/cli/io.js';
import type { Brief } from '../src/brief/types.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process, as a user would type it, capturing what it prints. */
export async function runCli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; tty?: boolean } = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: { write: (s: string) => (stdout += s), isTTY: opts.tty ?? false, columns: 100 },
    stderr: { write: (s: string) => (stderr += s), isTTY: opts.tty ?? false, columns: 100 },
    cwd: opts.cwd ?? process.cwd(),
    env: { ...process.env, ...opts.env },
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** A temporary folder that the test fills with files; `cleanup()` removes it. */
export class TempTree {
  readonly dir: string;
  constructor(prefix = 'pyvet-test-') {
    this.dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  }
  path(rel = ''): string {
    return path.join(this.dir, rel);
  }
  write(rel: string, content: string | Uint8Array): this {
    const abs = path.join(this.dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
    return this;
  }
  files(map: Record<string, string>): this {
    for (const [rel, content] of Object.entries(map)) this.write(rel, content);
    return this;
  }
  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface Author {
  name: string;
  email: string;
}

export const ALICE: Author = { name: 'Alice Example', email: 'alice@example.com' };
export const BOB: Author = { name: 'Bob Example', email: 'bob@example.com' };

/** A temp tree that is a real git repository; commits are made with the git CLI, dated as asked. */
export class TempRepo extends TempTree {
  constructor(prefix = 'pyvet-repo-') {
    super(prefix);
    this.git('init', '-q', '-b', 'main');
    this.git('config', 'user.name', ALICE.name);
    this.git('config', 'user.email', ALICE.email);
    this.git('config', 'commit.gpgsign', 'false');
  }
  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
  }
  /** Write the files, stage everything (including deletions), commit; returns the new commit SHA. */
  commit(message: string, files: Record<string, string | null> = {}, opts: { author?: Author; date?: string } = {}): string {
    for (const [rel, content] of Object.entries(files)) {
      if (content === null) rmSync(this.path(rel), { force: true });
      else this.write(rel, content);
    }
    this.git('add', '-A');
    const author = opts.author ?? ALICE;
    const date = opts.date ?? '2026-01-15T12:00:00Z';
    execFileSync('git', ['commit', '-q', '--allow-empty', '-m', message], {
      cwd: this.dir,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: author.name,
        GIT_AUTHOR_EMAIL: author.email,
        GIT_COMMITTER_NAME: author.name,
        GIT_COMMITTER_EMAIL: author.email,
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
      },
    });
    return this.git('rev-parse', 'HEAD').trim();
  }
}

/** Parse a CLI JSON output, failing the test with the output when it is not JSON. */
export function parseJson<T = unknown>(text: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`not JSON:\n${text.slice(0, 2000)}`);
  }
}

/** Build a tree from `files`, run `pyvet brief --format json` on it, and return both (the caller cleans up). */
export async function briefOf(files: Record<string, string>): Promise<{ tree: TempTree; brief: Brief }> {
  const tree = new TempTree().files(files);
  const r = await runCli(['brief', tree.dir, '--format', 'json']);
  if (r.code !== 0) throw new Error(`pyvet brief exited ${r.code}: ${r.stderr}`);
  return { tree, brief: parseJson<Brief>(r.stdout) };
}
