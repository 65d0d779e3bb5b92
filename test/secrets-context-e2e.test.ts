import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJson, runCli, TempTree } from './helpers.js';
import { ALNUM, BASE64, fake, fakePem } from '../src/secrets/fake.js';

interface JsonFinding {
  rule: string;
  path: string;
  line: number;
  severity: string;
  role?: string;
  message: string;
  data?: { severityReason?: string; usedAs?: string; context?: string };
}

test('context decides severity: fixtures and tests low or info with their role, production and used keys at full severity', async () => {
  const t = new TempTree();
  try {
    for (let i = 0; i < 4; i++) t.write(`tests/certs/k${i}.key`, fakePem('', `ctx-e2e-${i}`) + '\n');
    t.write('tests/test_login.py', 'def test_login(client):\n    password = "python"\n    assert client.login(password=password)\n');
    t.write('ops/credentials', `[default]\naws_secret_access_key = ${fake(BASE64, 40, 'ctx-aws')}\n`);
    t.write('app/settings.py', 'SECRET_COOKIE_KEY = "PYGOAT"\nLANGUAGE_KEY = "EN"\n');
    t.write('app/views.py', 'import jwt\nfrom app.settings import SECRET_COOKIE_KEY\n\ndef sign(p):\n    return jwt.encode(p, SECRET_COOKIE_KEY, algorithm="HS256")\n');
    t.write('app/db.py', `"""Database helpers.\n\nExample::\n\n    connect(password="${fake(ALNUM, 20, 'ctx-doc')}7q")\n"""\n`);
    t.write('app/cache.py', `# see https://admin:${fake(ALNUM, 16, 'ctx-url')}@example.com/\nCACHE = {}\n`);
    const r = await runCli(['secrets', t.dir, '--format', 'json', '--fail-on', 'none']);
    assert.equal(r.code, 0, r.stderr);
    const findings = parseJson<{ findings: JsonFinding[] }>(r.stdout).findings;
    const by = (p: string) => findings.filter((f) => f.path === p);
    for (let i = 0; i < 4; i++) assert.deepEqual(by(`tests/certs/k${i}.key`).map((f) => [f.severity, f.role]), [['low', 'fixture']]);
    assert.deepEqual(by('tests/test_login.py').map((f) => [f.severity, f.role]), [['info', 'test']]);
    assert.deepEqual(by('ops/credentials').map((f) => [f.rule, f.severity]), [['secret.aws-secret-key', 'critical']]);
    const cookie = by('app/settings.py');
    assert.deepEqual(cookie.map((f) => [f.line, f.severity]), [[1, 'high']], 'the all-caps value is a key because jwt.encode uses it; LANGUAGE_KEY is not');
    assert.equal(cookie[0]!.data?.usedAs, 'passed to jwt.encode()');
    assert.deepEqual(by('app/db.py').map((f) => [f.severity, f.data?.context]), [['low', 'docstring']]);
    assert.deepEqual(by('app/cache.py').map((f) => [f.severity, f.data?.context]), [['low', 'comment']]);
    assert.ok(findings.filter((f) => f.severity === 'low').every((f) => /Reported at low as a value in/.test(f.message)));

    const text = await runCli(['secrets', t.dir, '--fail-on', 'none', '--no-color']);
    assert.match(text.stdout, /4 private keys in tests\/certs \(test fixtures\)/);
  } finally {
    t.cleanup();
  }
});
