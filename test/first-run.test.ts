import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli, TempRepo, TempTree } from './helpers.js';

const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'cli', 'bin.js');

/** A repository with more findings than the summary shows, each with long advice. */
function buildRepo(name = 'svc'): TempRepo {
  const repo = new TempRepo(`pyvet-${name}-`);
  const secret = (i: number) => ['Winter', '#', String(3000 + i), 'x'].join('');
  const settings = Array.from({ length: 8 }, (_, i) => `SMTP_PASSWORD_${i} = "${secret(i)}"`).join('\n') + '\n';
  repo.commit('Initial', {
    'requirements.txt': 'django==2.2.3\n',
    'pyproject.toml': '[project]\nname = "svc"\nversion = "1.0"\n',
    'svc/__init__.py': '',
    'svc/settings.py': settings,
    'svc/app.py': 'def f(x):\n    try:\n        return x\n    except:\n        pass\n',
  });
  return repo;
}

test('text output fits COLUMNS, wraps on words and shows every fix in full', async () => {
  const repo = buildRepo();
  try {
    for (const cols of [80, 100]) {
      const r = await runCli(['secrets', repo.dir, '--fail-on', 'none'], { env: { COLUMNS: String(cols) } });
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.trimEnd().split('\n');
      assert.ok(lines.every((l) => l.length <= cols), `wider than ${cols}:\n${lines.filter((l) => l.length > cols).join('\n')}`);
      assert.ok(!r.stdout.includes('…'), 'nothing is cut');
      // The fix paragraph reads back whole once unwrapped.
      const [head, ...rest] = r.stdout.split('fix: ')[1]!.split('\n');
      const fix = [head, ...rest.slice(0, rest.findIndex((l) => !l.startsWith(' '.repeat(16))))].map((l) => l!.trim()).join(' ');
      assert.match(fix, /Revoke or rotate it now .* then load it from the environment/);
    }
  } finally {
    repo.cleanup();
  }
});

test('health checks print failing first, then by category', async () => {
  const repo = buildRepo();
  try {
    const r = await runCli(['health', repo.dir, '--fail-on', 'none'], { env: { COLUMNS: '100' } });
    const heads = [...r.stdout.matchAll(/^ {2}(fail|warn) +[\d.]+\/10 (\S+)/gm)].map((m) => [m[1]!, m[2]!]);
    assert.ok(heads.length > 3, r.stdout);
    const order = ['security', 'tests', 'ci', 'dependencies', 'structure', 'docs', 'history'];
    const key = ([s, c]: string[]) => (s === 'fail' ? 0 : 100) + order.indexOf(c!);
    assert.deepEqual(heads, [...heads].sort((a, b) => key(a) - key(b)));
  } finally {
    repo.cleanup();
  }
});

test('the scan summary counts what it did not show, names the report folder and the history database', async () => {
  const repo = buildRepo();
  const cwd = new TempTree('pyvet-cwd-');
  try {
    const store = cwd.path('h.db');
    const r = await runCli(['scan', repo.dir, '--store', store, '--fail-on', 'none'], { cwd: cwd.dir, env: { COLUMNS: '80' } });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.trimEnd().split('\n').every((l) => l.length <= 80), r.stdout);
    assert.match(r.stdout, /\+\d+ more: .*\n(.*\n)*? {4}pyvet secrets .* \(\d+ more\)/);
    const dir = path.join('pyvet-report', path.basename(repo.dir));
    assert.match(r.stdout, new RegExp(`report: ${dir.replace(/[.]/g, '\\.')}/pyvet\\.html`));
    assert.match(r.stdout, /history: scan #1 recorded in h\.db/);
    assert.ok(existsSync(cwd.path(`${dir}/pyvet.json`)));
    const help = await runCli(['scan', '--help']);
    assert.match(help.stdout, /reports +\.\/pyvet-report\/<repository folder>/);
    assert.match(help.stdout, /history +each scan is recorded in/);
  } finally {
    repo.cleanup();
    cwd.cleanup();
  }
});

test('a second repository with the same folder name gets its own report folder; --output-dir says what it replaced', async () => {
  const a = buildRepo('same');
  const b = new TempTree('pyvet-other-');
  const cwd = new TempTree('pyvet-cwd-');
  try {
    b.files({ 'same/requirements.txt': 'flask==3.0.0\n' });
    const bDir = b.path('same');
    // Two different repositories whose folders are both named "same".
    const aSame = a.path('same');
    a.files({ 'same/requirements.txt': 'django==2.2.3\n' });
    await runCli(['scan', aSame, '--no-store', '-q'], { cwd: cwd.dir });
    await runCli(['scan', bDir, '--no-store', '-q'], { cwd: cwd.dir });
    const first = JSON.parse(readFileSync(cwd.path('pyvet-report/same/pyvet.json'), 'utf8')) as { root: string };
    assert.equal(first.root, aSame, 'the first report is still there');
    const r = await runCli(['scan', bDir, '--no-store', '--output-dir', 'pyvet-report/same'], { cwd: cwd.dir });
    assert.match(r.stderr, /note: pyvet-report\/same held the report of .*same; replacing it/);
  } finally {
    a.cleanup();
    b.cleanup();
    cwd.cleanup();
  }
});

test('scan, health and brief on a file exit 2 and say why; deps and secrets take files', async () => {
  const repo = buildRepo();
  try {
    const file = repo.path('svc/app.py');
    for (const cmd of ['scan', 'health', 'brief']) {
      const r = await runCli([cmd, file, '--no-store'].filter((a) => cmd === 'scan' || a !== '--no-store'));
      assert.equal(r.code, 2, `${cmd}: ${r.stderr}`);
      assert.match(r.stderr, new RegExp(`svc/app\\.py is a file; pyvet ${cmd} reviews a whole repository`));
    }
    const deps = await runCli(['deps', repo.path('requirements.txt'), '--format', 'json']);
    assert.equal((JSON.parse(deps.stdout) as { dependencies: unknown[] }).dependencies.length, 1, deps.stderr);
    // The staged files a pre-commit hook passes: reported relative to the repository's top.
    const secrets = await runCli(['secrets', 'svc/settings.py', 'svc/app.py', '--format', 'json'], { cwd: repo.dir });
    const doc = JSON.parse(secrets.stdout) as { findings: { path: string }[]; secrets: { filesScanned: number } };
    assert.equal(doc.secrets.filesScanned, 2);
    assert.ok(doc.findings.length >= 8 && doc.findings.every((f) => f.path === 'svc/settings.py'));
  } finally {
    repo.cleanup();
  }
});

test('pyvet brief prints a terminal layout; -o keeps Markdown', async () => {
  const repo = buildRepo();
  try {
    const r = await runCli(['brief', repo.dir, '-q'], { env: { COLUMNS: '80' } });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!/^\|/m.test(r.stdout) && !r.stdout.includes('](') && !/^#/m.test(r.stdout), r.stdout);
    assert.ok(r.stdout.trimEnd().split('\n').every((l) => l.length <= 80));
    const md = await runCli(['brief', repo.dir, '-q', '--format', 'markdown']);
    assert.match(md.stdout, /^# Handoff brief/);
    const out = new TempTree();
    try {
      await runCli(['brief', repo.dir, '-q', '-o', out.path('HANDOFF.md')]);
      assert.match(readFileSync(out.path('HANDOFF.md'), 'utf8'), /^# Handoff brief/);
    } finally {
      out.cleanup();
    }
  } finally {
    repo.cleanup();
  }
});

test('a closed pipe ends pyvet quietly (no EPIPE stack trace)', () => {
  // `| true` closes the pipe before pyvet writes its 40 kB: every write after that fails with EPIPE.
  const out = execFileSync('bash', ['-c', `node ${JSON.stringify(BIN)} rules --markdown | true; echo "exit=\${PIPESTATUS[0]}"`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  assert.equal(out.trim(), 'exit=0');
});

test('SARIF: results about the whole repository sit on a file that exists; no absolute path anywhere', async () => {
  const repo = buildRepo();
  try {
    repo.commit('readme', { 'README.md': '# svc\n\nA service.\n' });
    const r = await runCli(['scan', repo.dir, '--no-store', '--format', 'sarif', '-o', repo.path('out.sarif'), '--fail-on', 'none']);
    assert.equal(r.code, 0, r.stderr);
    const text = readFileSync(repo.path('out.sarif'), 'utf8');
    assert.ok(!text.includes(repo.dir), 'the scanning machine\'s path is not in the file');
    const sarif = JSON.parse(text) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[]; properties: { repositoryLevel?: boolean } }[] }[] };
    const results = sarif.runs[0]!.results;
    assert.ok(results.some((x) => x.properties.repositoryLevel), 'the health review reports on the repository as a whole');
    for (const x of results) {
      const uri = decodeURI(x.locations[0]!.physicalLocation.artifactLocation.uri);
      assert.ok(existsSync(path.join(repo.dir, uri)) && uri !== '.', `${uri} exists`);
      if (x.properties.repositoryLevel) assert.equal(uri, 'README.md');
    }
  } finally {
    repo.cleanup();
  }
});
