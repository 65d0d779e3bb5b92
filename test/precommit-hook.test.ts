import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TempRepo, TempTree } from './helpers.js';

// dist/test/… → the repository root.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const hasPreCommit = spawnSync('pre-commit', ['--version']).status === 0;
const skip = hasPreCommit ? false : 'pre-commit not found; hook install test skipped (apt-get install -y pre-commit; .ci/run installs it)';

/** This checkout as pre-commit sees a hook repository: a git repository at one commit, with the working tree's files. */
function snapshotOfThisRepo(into: TempTree): string {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  for (const f of files) {
    const dest = into.path(f);
    mkdirSync(path.dirname(dest), { recursive: true });
    try {
      copyFileSync(path.join(ROOT, f), dest);
    } catch {
      // deleted in the working tree but still in the index
    }
  }
  const git = (...args: string[]) => execFileSync('git', args, { cwd: into.dir, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('-c', 'user.name=ci', '-c', 'user.email=ci@example.com', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'snapshot');
  return git('rev-parse', 'HEAD').trim();
}

test('pre-commit installs pyvet-secrets from the repository and it scans only the staged files', { skip, timeout: 20 * 60_000 }, () => {
  const hookRepo = new TempTree('pyvet-hookrepo-');
  const home = new TempTree('pyvet-precommit-home-');
  const project = new TempRepo('pyvet-project-');
  try {
    const rev = snapshotOfThisRepo(hookRepo);
    project.write('.pre-commit-config.yaml', `repos:\n  - repo: ${hookRepo.dir}\n    rev: ${rev}\n    hooks:\n      - id: pyvet-secrets\n`);
    project.commit('config');
    // Generated at run time: never a live-looking literal in this repository.
    const password = ['Spring', '#', String(4000 + 21), 'q'].join('');
    project.write('staged_settings.py', `SMTP_PASSWORD = "${password}"\n`);
    project.write('unstaged_notes.py', `SMTP_PASSWORD = "${password}x"\n`);
    project.git('add', 'staged_settings.py');
    const run = () =>
      spawnSync('pre-commit', ['run', 'pyvet-secrets', '--color', 'never', '--verbose'], {
        cwd: project.dir,
        encoding: 'utf8',
        env: { ...process.env, PRE_COMMIT_HOME: home.dir, COLUMNS: '100' },
      });
    const dirty = run();
    const out = dirty.stdout + dirty.stderr;
    assert.equal(dirty.status, 1, out);
    assert.match(out, /pyvet secrets\.+Failed/);
    assert.match(out, /staged_settings\.py:1/);
    assert.doesNotMatch(out, /unstaged_notes\.py/, 'an untracked file is not what is being committed');
    assert.doesNotMatch(out, new RegExp(password), 'the secret is never printed whole');

    project.git('reset', '-q', 'staged_settings.py');
    project.write('clean.py', 'x = 1\n');
    project.git('add', 'clean.py');
    const clean = run();
    assert.equal(clean.status, 0, clean.stdout + clean.stderr);
    assert.match(clean.stdout, /pyvet secrets\.+Passed/);
  } finally {
    project.cleanup();
    home.cleanup();
    hookRepo.cleanup();
  }
});
