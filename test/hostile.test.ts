/**
 * Hostile input: a scanned repository is untrusted. Each case is generated here at run time (pipes,
 * links to /dev/zero, escaping includes, deep and non-UTF-8 paths, bad databases, configs that try to
 * redirect writes) and must end with exit 0, 1 or 2, name the offending path, still report the rest of
 * the tree, touch nothing outside it and quote no secret whole. The timeouts are hang guards, not
 * speed targets (those live in `npm run bench`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { runCli, TempRepo, TempTree } from './helpers.js';
import { ALNUM, fake } from '../src/secrets/fake.js';
import type { ScanReport } from '../src/core/report.js';

const GUARD = { timeout: 120_000 };

const ghToken = (seed: string) => `ghp_${fake(ALNUM, 36, seed)}`;

function mkfifo(p: string): void {
  execFileSync('mkfifo', [p]);
}

function readJson(file: string): ScanReport {
  return JSON.parse(readFileSync(file, 'utf8')) as ScanReport;
}

/** Every file under a folder, as text, for grepping outputs. */
function allText(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => readFileSync(path.join(d.parentPath, d.name), 'latin1'))
    .join('\n');
}

const errorFor = (r: ScanReport, re: RegExp) => r.errors.find((e) => re.test(`${e.path}: ${e.message}`));

test('the walk never gives up: pipes, non-UTF-8 names, over-long paths and escaping includes are errors, the rest is scanned', GUARD, async () => {
  const t = new TempTree();
  const out = new TempTree();
  try {
    const token = ghToken('hostile-walk');
    t.write('app.py', `TOKEN = "${token}"\n`);
    t.write('requirements.txt', ['-r ../../../../../../etc/passwd', '-r /etc/passwd', '-r passwd-link.txt', '-r zero.txt', '-r pipe.txt', 'requests==2.31.0', ''].join('\n'));
    symlinkSync('/etc/passwd', t.path('passwd-link.txt'));
    symlinkSync('/dev/zero', t.path('zero.txt'));
    mkfifo(t.path('pipe.txt'));
    mkfifo(t.path('.gitignore'));
    mkfifo(t.path('pyproject.toml'));
    symlinkSync('/dev/zero', t.path('setup.cfg'));
    // A folder whose name is not UTF-8, with a file in it.
    const bad = Buffer.concat([Buffer.from(t.path('bad-')), Buffer.from([0xff, 0xfe, 0x1b])]);
    mkdirSync(bad);
    writeFileSync(Buffer.concat([bad, Buffer.from('/x.py')]), 'x = 1\n');
    // A path longer than PATH_MAX (4096 bytes), built one folder at a time from inside.
    const part = 'd'.repeat(200);
    execFileSync('sh', ['-c', `mkdir -p "$1" && cd "$1" && for i in $(seq 25); do mkdir ${part} && cd ${part}; done; echo 'x = 1' > deep.py`, 'sh', t.path('deep')]);

    const r = await runCli(['scan', t.dir, '--no-store', '-q', '-f', 'json,text', '--output-dir', out.dir]);
    assert.ok([0, 1].includes(r.code), r.stderr);
    const doc = readJson(out.path('pyvet.json'));
    assert.ok(doc.findings.some((f) => f.path === 'app.py' && f.rule.startsWith('secret.')), 'the rest of the tree is still scanned');
    assert.ok(doc.dependencies.some((d) => d.name === 'requests'), 'the requirements file is still read');
    assert.ok(errorFor(doc, /bad-\\xff\\xfe\\x1b: name is not valid UTF-8/), 'non-UTF-8 name, shown escaped');
    assert.ok(errorFor(doc, /^deep\/d+.*ENAMETOOLONG/), 'over-long path');
    assert.ok(errorFor(doc, /pipe\.txt: a named pipe/), 'the pipe is named');
    assert.ok(errorFor(doc, /\.gitignore/), '.gitignore as a pipe');
    assert.ok(errorFor(doc, /etc\/passwd.*outside the scanned folder/), 'escaping include refused');
    assert.ok(errorFor(doc, /passwd-link\.txt.*outside the scanned folder/), 'include through a link refused');
    assert.ok(errorFor(doc, /zero\.txt.*outside the scanned folder/), '/dev/zero link refused');
    const text = allText(out.dir);
    assert.doesNotMatch(text, /root:x?:0:0/, 'no line of /etc/passwd copied into the report');
    assert.ok(!text.includes(token), 'the token is never quoted whole');
    assert.ok(!text.includes('\u001b'), 'no raw escape byte from a file name');
  } finally {
    // GNU rm removes a tree deeper than PATH_MAX; Node's rmSync does not.
    execFileSync('rm', ['-rf', t.path('deep')]);
    t.cleanup();
    out.cleanup();
  }
});

test('pipes and devices named by config or --db are refused, never read', GUARD, async () => {
  const t = new TempTree().files({ 'requirements.txt': 'requests==2.31.0\n' });
  try {
    mkfifo(t.path('fifo.zip'));
    for (const db of [t.path('fifo.zip'), '/dev/zero']) {
      const r = await runCli(['deps', t.dir, '--db', db, '-q']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, new RegExp(`${db.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: a (named pipe|device)`));
    }
    mkfifo(t.path('.pyvet.toml'));
    const r = await runCli(['deps', t.dir, '-q']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /\.pyvet\.toml: a named pipe/);
  } finally {
    t.cleanup();
  }
});

test("the scanned repository's config cannot write outside it nor swap the advisory database", GUARD, async () => {
  const outer = new TempTree();
  const user = new TempTree();
  try {
    const repo = path.join(outer.dir, 'a', 'b', 'repo');
    const t = { path: (rel: string) => path.join(repo, rel) };
    mkdirSync(repo, { recursive: true });
    // Its own database knows nothing, and it asks never to fail.
    writeFileSync(t.path('osv.zip'), zipSync({ 'X-1.json': new TextEncoder().encode('{"id":"X-1","affected":[]}') }));
    writeFileSync(t.path('.pyvet.toml'), 'store = "../../x.db"\ndb = "osv.zip"\nfail-on = "none"\n');
    writeFileSync(t.path('requirements.txt'), 'django==2.2.3\n');
    const env = { PYVET_STORE: '', XDG_DATA_HOME: user.dir };
    const r = await runCli(['scan', repo, '-q', '-f', 'json', '--output-dir', t.path('out')], { env });
    assert.ok([0, 1].includes(r.code), r.stderr);
    assert.ok(!existsSync(path.join(outer.dir, 'x.db')), 'nothing written outside the repository');
    assert.ok(existsSync(path.join(user.dir, 'pyvet', 'history.db')), "the user's default store is used instead");
    const doc = readJson(t.path('out/pyvet.json'));
    assert.ok(errorFor(doc, /store = "\.\.\/\.\.\/x\.db" is not inside/));
    assert.ok(errorFor(doc, /db = "osv\.zip" named by the scanned repository's config is not used/));
    assert.ok(errorFor(doc, /\.pyvet\.toml: fail-on = "none" is laxer than the default/));
    assert.ok(doc.findings.some((f) => f.rule === 'deps.vulnerable'), 'the real database still judges it');

    // Trusted on request; and $PYVET_STORE wins over a store the repository names even inside it.
    writeFileSync(t.path('.pyvet.toml'), 'store = ".pyvet/h.db"\ndb = "osv.zip"\n');
    const chosen = path.join(user.dir, 'chosen.db');
    const r2 = await runCli(['scan', repo, '-q', '-f', 'json', '--output-dir', t.path('out'), '--trust-repo-config'], { env: { PYVET_STORE: chosen } });
    assert.equal(r2.code, 0, r2.stderr);
    assert.ok(existsSync(chosen) && !existsSync(t.path('.pyvet/h.db')));
    assert.ok(!readJson(t.path('out/pyvet.json')).findings.some((f) => f.rule === 'deps.vulnerable'));
  } finally {
    outer.cleanup();
    user.cleanup();
  }
});

test('huge and long-line files stay bounded; a repository config cannot lift the size cap nor silence secrets', GUARD, async () => {
  const t = new TempTree();
  try {
    const token = ghToken('hostile-long-line');
    // Over the default 5 MB cap, which the repository tries to lift to 1 GB.
    t.write('big.py', 'x = 1\n'.repeat(1_100_000));
    // One 3 MB line with a credential at its end.
    t.write('long.py', `S = "${'a'.repeat(3_000_000)}"; T = "${token}"\n`);
    t.write('.pyvet.toml', 'max-file-size = "1GB"\ndisable = ["secret"]\n');
    const r = await runCli(['scan', t.dir, '--no-store', '-q', '-f', 'json', '-o', t.path('o.json')]);
    assert.equal(r.code, 1, r.stderr);
    const doc = readJson(t.path('o.json'));
    assert.ok(errorFor(doc, /^big\.py: .*larger than max-file-size/), 'the huge file is named, not read');
    assert.ok(errorFor(doc, /\.pyvet\.toml: max-file-size = 1073741824 raises/));
    assert.ok(errorFor(doc, /\.pyvet\.toml: disable = \["secret"\] would silence/));
    assert.ok(doc.findings.some((f) => f.path === 'long.py' && f.rule === 'secret.github-token'), 'the token at the end of a long line is found');
    assert.ok(!readFileSync(t.path('o.json'), 'utf8').includes(token));
  } finally {
    t.cleanup();
  }
});

/** Rewrite every central-directory entry's uncompressed size, as a zip bomb declares it. */
function claimSize(zip: Uint8Array, size: number): Uint8Array {
  const b = Buffer.from(zip);
  for (let i = b.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); i >= 0; i = b.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), i + 4)) b.writeUInt32LE(size, i + 24);
  return b;
}

test('bad databases: wrong types are errors, bombs and oversized entries exit 2 with a message', GUARD, async () => {
  const t = new TempTree().files({ 'requirements.txt': 'flask==0.12\n' });
  try {
    const rec = (id: string, extra: string) => `{"id":"${id}",${extra}"affected":[{"package":{"ecosystem":"PyPI","name":"flask"},"versions":["0.12"]}]}`;
    t.write('db/a.json', rec('BAD-1', '"summary":["a list"],'));
    t.write('db/b.json', '{"id":"BAD-2","affected":{"package":{"ecosystem":"PyPI","name":"flask"}}}');
    t.write('db/c.json', rec('GOOD-1', '"summary":"real",'));
    const r = await runCli(['deps', t.dir, '--db', t.path('db'), '-f', 'json', '-o', t.path('o.json')]);
    assert.ok([0, 1].includes(r.code), r.stderr);
    const doc = readJson(t.path('o.json'));
    assert.ok(doc.findings.some((f) => f.message.includes('GOOD-1')));
    assert.ok(errorFor(doc, /BAD-1: summary is not a string/));
    assert.ok(errorFor(doc, /BAD-2: affected is not a list/));

    // A malformed record of a package the repository does not use: the index build validated it, so
    // the first scan and every later one (served by the index alone) name it.
    const unused = rec('BAD-3', '"aliases":"CVE-0",').replace('"flask"', '"not-used-here"');
    writeFileSync(t.path('one.zip'), zipSync({ 'ok.json': new TextEncoder().encode(rec('GOOD-2', '')), 'bad3.json': new TextEncoder().encode(unused) }));
    for (const run of ['first', 'indexed']) {
      const s = await runCli(['deps', t.dir, '--db', t.path('one.zip'), '-f', 'json', '-o', t.path('o.json')]);
      assert.ok([0, 1].includes(s.code), s.stderr);
      const d = readJson(t.path('o.json'));
      assert.ok(d.findings.some((f) => f.message.includes('GOOD-2')), run);
      assert.ok(errorFor(d, /one\.zip: record BAD-3: aliases is not a list of strings/), `${run}: ${JSON.stringify(d.errors)}`);
    }
    assert.ok(existsSync(t.path('one.zip.pyvet-index')), 'the second run was served by the index');

    const entries: Record<string, Uint8Array> = {};
    for (let i = 0; i < 70; i++) entries[`r${i}.json`] = new TextEncoder().encode(rec(`B-${i}`, ''));
    writeFileSync(t.path('bomb.zip'), claimSize(zipSync(entries), 16 * 1024 * 1024));
    const bomb = await runCli(['deps', t.dir, '--db', t.path('bomb.zip'), '-q']);
    assert.equal(bomb.code, 2);
    assert.match(bomb.stderr, /bomb\.zip inflates to more than 1 GB/);
    writeFileSync(t.path('huge.zip'), claimSize(zipSync({ 'r.json': new TextEncoder().encode(rec('H-1', '')) }), 2 ** 31));
    const huge = await runCli(['deps', t.dir, '--db', t.path('huge.zip'), '-q']);
    assert.equal(huge.code, 2);
    assert.match(huge.stderr, /r\.json: inflates to 2147483648 bytes, over the \d+-byte limit/);
  } finally {
    t.cleanup();
  }
});

test('text cannot be forged: control characters escaped, no javascript: link, UTF-16 decoded, bare repository refused', GUARD, async () => {
  const t = new TempTree();
  try {
    const token = ghToken('hostile-names');
    const forged = 'x\n\u001b[2KNo findings.\n.py';
    t.write(forged, `T = "${ghToken('forged')}"\n`);
    t.write('javascript:alert(1)//x.py', 'def f():\n    try:\n        pass\n    except:\n        pass\n');
    // UTF-16LE with a byte order mark: its NUL bytes must not make it look binary.
    t.write('wide.py', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`KEY = "${token}"\n`, 'utf16le')]));
    const r = await runCli(['scan', t.dir, '--no-store', '-f', 'text,markdown,html,json', '--output-dir', t.path('out')]);
    assert.ok([0, 1].includes(r.code), r.stderr);
    for (const [file, s] of [['summary', r.stdout], ['text', readFileSync(t.path('out/pyvet.txt'), 'utf8')], ['markdown', readFileSync(t.path('out/pyvet.md'), 'utf8')]] as const) {
      assert.ok(!s.includes('\u001b'), `${file}: no raw escape`);
      assert.ok(!/^\s*No findings\./m.test(s), `${file}: no forged line`);
    }
    assert.match(readFileSync(t.path('out/pyvet.txt'), 'utf8'), /x\\n\\x1b\[2KNo findings\.\\n\.py/);
    assert.doesNotMatch(readFileSync(t.path('out/pyvet.html'), 'utf8'), /href="javascript:/i);
    const doc = readJson(t.path('out/pyvet.json'));
    assert.ok(doc.findings.some((f) => f.path === 'wide.py' && f.rule === 'secret.github-token'), 'the token in a UTF-16 file is found');

    const bare = new TempTree();
    try {
      execFileSync('git', ['init', '-q', '--bare', bare.dir]);
      const b = await runCli(['scan', bare.dir, '--no-store', '-q']);
      assert.equal(b.code, 2);
      assert.match(b.stderr, /is a bare git repository.*git clone/);
    } finally {
      bare.cleanup();
    }
  } finally {
    t.cleanup();
  }
});

test('one mask for every output: credentials quoted by any analyzer never leave pyvet whole', GUARD, async () => {
  const repo = new TempRepo();
  const out = new TempTree();
  try {
    const gh = ghToken('leak-evidence');
    const dep = ghToken('leak-dep');
    const password = `Pw${fake(ALNUM, 20, 'leak-password')}`;
    const stripe = `sk_live_${fake(ALNUM, 24, 'leak-route')}`;
    repo.commit('app', {
      'app.py': [
        'import os',
        'from flask import Flask',
        'app = Flask(__name__)',
        `REDIS = os.environ.get("REDIS_URL", "redis://:${password}@cache:6379/0")`,
        '',
        `@app.route("/hook/${stripe}")`,
        'def hook():',
        '    try:',
        `        print("${gh}")`,
        '    except:',
        '        pass',
        '',
      ].join('\n'),
      'requirements.txt': `flask==2.0.0\nmylib @ git+https://${dep}@github.com/acme/mylib.git\n`,
    });
    const store = out.path('history.db');
    const r = await runCli(['scan', repo.dir, '--store', store, '-f', 'json,html,sarif,markdown,text,cyclonedx', '--output-dir', out.path('reports')]);
    assert.ok([0, 1].includes(r.code), r.stderr);
    const doc = readJson(out.path('reports/pyvet.json'));
    assert.ok(doc.dependencies.some((d) => d.name === 'mylib'), 'the dependency is still reported');
    const everything = allText(out.dir) + r.stdout + r.stderr;
    for (const secret of [gh, dep, password, stripe]) assert.ok(!everything.includes(secret), `${secret.slice(0, 6)}… leaked`);
  } finally {
    repo.cleanup();
    out.cleanup();
  }
});

test('a generated Python table above the syntax node limit is reported as not analysed; the rest is scanned', GUARD, async () => {
  const t = new TempTree();
  const out = new TempTree();
  try {
    // About 1.7 MB and 500 000 syntax nodes: above MAX_SYNTAX_NODES, under the default size cap.
    const rows = Array.from({ length: 160_000 }, (_, i) => `    ${i}, "s${i}",\n`);
    t.write('pkg/table.py', `DATA = [\n${rows.join('')}]\n`);
    t.write('pkg/app.py', 'def handler(x):\n    try:\n        return x\n    except:\n        pass\n');
    const r = await runCli(['scan', t.dir, '--no-store', '-q', '-f', 'json', '--output-dir', out.dir]);
    assert.ok([0, 1].includes(r.code), r.stderr);
    const doc = readJson(out.path('pyvet.json'));
    assert.ok(errorFor(doc, /^pkg\/table\.py: Python file not analysed: \d+ syntax nodes, above the limit of 400000/), 'the gap is named');
    assert.ok(doc.findings.some((f) => f.path === 'pkg/app.py' && f.rule.startsWith('health.')), 'the other file is still analysed');
  } finally {
    t.cleanup();
    out.cleanup();
  }
});
